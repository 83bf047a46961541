using System.CommandLine;
using System.Globalization;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Targets;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>azure submit</c>: runs the QSANN circuits of random tokens on a target — query, key and the value in each basis —
/// packed into as few jobs as the target's register allows; prints the size and cost first, then the estimated
/// expectations with standard errors next to the exact ones. <c>--dry-run DIR</c> writes the payloads instead of sending.
/// </summary>
public static class AzureSubmitCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = new AzureOptions();
        var target = new Option<string>("--target", "-t") { Description = "Target id, e.g. ionq.simulator or quantinuum.sim.h2-1e.", Required = true };
        var qubits = CommonOptions.Qubits();
        var depth = CommonOptions.Depth();
        var tokens = new Option<int>("--tokens") { Description = "Random tokens to evaluate.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random angles and weights.", DefaultValueFactory = _ => 1 };
        var shots = new Option<int>("--shots") { Description = "Shots per job.", DefaultValueFactory = _ => 500 };
        var format = new Option<string?>("--format") { Description = "Payload: qir (default, compiled from Q#), native (ionq for IonQ, qasm for Quantinuum), ionq or qasm." };
        var maxQubits = new Option<int?>("--max-qubits") { Description = "Register size to pack circuits into (default: the target's)." };
        var noPack = new Option<bool>("--no-pack") { Description = "One circuit per job." };
        var dryRun = new Option<string?>("--dry-run") { Description = "Write the exact payloads to this folder and send nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm the estimated cost of a paid target." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the jobs.", DefaultValueFactory = _ => 7200 };
        var cancelOnTimeout = new Option<bool>("--cancel-on-timeout") { Description = "Cancel jobs that are still running when the timeout passes." };
        var quantumDir = CommonOptions.QuantumDirectory();
        var providerNoise = CommonOptions.ProviderNoise();
        var command = new Command("submit", "Run one or more tokens' QSANN circuits on an Azure Quantum target (or write the payloads with --dry-run).")
        {
            target, qubits, depth, tokens, seed, shots, format, maxQubits, noPack, dryRun, yes, timeout, cancelOnTimeout, quantumDir, providerNoise,
        };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, () => RunAsync(context.Console, new CircuitSubmissionRequest(
            parse.GetValue(target)!, workspace.Read(parse), parse.GetValue(qubits), parse.GetValue(depth), parse.GetValue(tokens), parse.GetValue(seed),
            parse.GetValue(shots), parse.GetValue(format), parse.GetValue(maxQubits), !parse.GetValue(noPack), parse.GetValue(dryRun), parse.GetValue(yes),
            TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(cancelOnTimeout), parse.GetValue(quantumDir), context.AzureClientOptions,
            parse.GetValue(providerNoise) is { } noise ? ProviderNoise.Parse(noise) : null), ct)));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, CircuitSubmissionRequest request, CancellationToken cancellationToken)
    {
        var result = await CircuitSubmission.RunAsync(request, line => console.MarkupLine(Markup.Escape(SettingFlags.ToFlags(line))), new ConsoleProgress(console), cancellationToken).ConfigureAwait(false);
        if (request.DryRunDirectory is { } directory)
        {
            console.MarkupLine($"Dry run: nothing sent. Wrote {result.DryRunFiles.Count} files to {Markup.Escape(Path.GetFullPath(directory))}:");
            foreach (var file in result.DryRunFiles) console.MarkupLine($"  {Markup.Escape(Path.GetFileName(file))}");
            return 0;
        }
        PrintEstimates(console, result.Family, result.Tokens, result.Estimates, result.StandardErrors, result.Exact);
        console.MarkupLine($"Jobs: {string.Join(", ", result.Jobs)}");
        return 0;
    }

    /// <summary>A table of estimates ± standard errors next to the exact values.</summary>
    internal static void PrintEstimates(IAnsiConsole console, QsannCircuitFamily family, int tokens, IReadOnlyList<double> values, IReadOnlyList<double> errors, IReadOnlyList<double> exact)
    {
        var circuit = family.Circuit;
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "token", "branch", "observable", "estimate", "± s.e.", "exact", "deviation / s.e." }) table.AddColumn(column);
        for (var t = 0; t < tokens; t++)
            for (var b = 0; b < circuit.Branches.Length; b++)
                for (var o = 0; o < circuit.Branches[b].Observables.Length; o++)
                {
                    var i = t * circuit.ObservableCount + circuit.ObservableOffset(b) + o;
                    var z = errors[i] > 0 ? ((values[i] - exact[i]) / errors[i]).ToString("0.0", CultureInfo.InvariantCulture) : "";
                    table.AddRow(t.ToString(CultureInfo.InvariantCulture), circuit.Branches[b].Name, $"⟨{circuit.Branches[b].Observables[o]}⟩",
                        values[i].ToString("0.0000", CultureInfo.InvariantCulture), errors[i].ToString("0.0000", CultureInfo.InvariantCulture),
                        exact[i].ToString("0.0000", CultureInfo.InvariantCulture), z);
                }
        console.Write(table);
    }

    private sealed class ConsoleProgress(IAnsiConsole console) : IProgress<string>
    {
        public void Report(string value) => console.MarkupLine($"[grey]{Markup.Escape(DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture))}[/] {Markup.Escape(value)}");
    }
}

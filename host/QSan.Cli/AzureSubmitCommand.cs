using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using Spectre.Console;
using QSan.Quantum.Shots;

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
        var command = new Command("submit", "Run one or more tokens' QSANN circuits on an Azure Quantum target (or write the payloads with --dry-run).")
        {
            target, qubits, depth, tokens, seed, shots, format, maxQubits, noPack, dryRun, yes, timeout, cancelOnTimeout, quantumDir,
        };
        workspace.AddTo(command);
        command.SetAction((parse, ct) => AzureCliErrors.RunAsync(context, () => RunAsync(context.Console, context.AzureClientOptions, new Request(
            parse.GetValue(target)!, parse.GetValue(qubits), parse.GetValue(depth), parse.GetValue(tokens), parse.GetValue(seed), parse.GetValue(shots),
            parse.GetValue(format), parse.GetValue(maxQubits), !parse.GetValue(noPack), parse.GetValue(dryRun), parse.GetValue(yes),
            TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(cancelOnTimeout), parse.GetValue(quantumDir), workspace.Read(parse)), ct)));
        return command;
    }

    private sealed record Request(string Target, int Qubits, int Depth, int Tokens, int Seed, int Shots, string? Format, int? MaxQubits, bool Pack,
        string? DryRun, bool Yes, TimeSpan Timeout, bool CancelOnTimeout, string? QuantumDir, AzureSettingsInput Workspace);

    private static async Task<int> RunAsync(IAnsiConsole console, QuantumClientOptions? clientOptions, Request r, CancellationToken cancellationToken)
    {
        if (r.Tokens < 1 || r.Shots < 1) throw new ArgumentException("--tokens and --shots must be at least 1.");
        var target = TargetCatalog.Find(r.Target);
        QuantumServiceClient? client = null;
        if (r.DryRun is null)
        {
            // The workspace's live list decides whether the target exists and how many qubits the programs may use.
            var resolved = AzureSettings.Resolve(r.Workspace);
            console.MarkupLine($"Workspace {Markup.Escape(resolved.Connection.WorkspaceName)} at {Markup.Escape(resolved.Connection.Endpoint.ToString())} ({Markup.Escape(resolved.Credential.Description)}, api-version {Markup.Escape(resolved.ApiVersion)}).");
            client = resolved.Client(clientOptions);
            target = await AzureEngines.CheckTargetAsync(client, r.Target, cancellationToken).ConfigureAwait(false);
        }
        var format = r.Format is null ? PayloadFormat.Qir : PayloadEncoder.Parse(r.Format, target);
        using var quantum = QuantumWorkspace.Open(r.QuantumDir);
        var family = quantum.Circuits(r.Qubits, r.Depth);
        var circuit = family.Circuit;
        var random = new Random(r.Seed);
        var inputs = Enumerable.Range(0, r.Tokens * circuit.InputCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var encoder = new PayloadEncoder(target, format, format == PayloadFormat.Qir ? new QirProgramCompiler(quantum.Bridge, quantum.Project, r.Depth) : null);
        var maxQubits = r.MaxQubits ?? target.MaxQubits;
        var planner = new ShotEngine(new LocalShotBackend(maxQubits: maxQubits), new ShotEngineOptions(r.Shots, r.Pack ? int.MaxValue : 1));
        var programs = planner.Programs(circuit, r.Tokens, inputs, weights);
        var estimate = SubmissionEstimate.For(target, programs, r.Shots);
        console.MarkupLine(Markup.Escape(estimate.Describe()));

        if (r.DryRun is { } directory)
        {
            var extra = new JsonObject
            {
                ["qubits"] = r.Qubits, ["depth"] = r.Depth, ["tokens"] = r.Tokens, ["seed"] = r.Seed,
                ["inputs"] = new JsonArray([.. inputs.Select(v => (JsonNode)JsonValue.Create(v))]),
                ["weights"] = new JsonArray([.. weights.Select(v => (JsonNode)JsonValue.Create(v))]),
            };
            var files = DryRunWriter.Write(directory, encoder, programs, r.Shots, estimate, extra);
            console.MarkupLine($"Dry run: nothing sent. Wrote {files.Count} files to {Markup.Escape(Path.GetFullPath(directory))}:");
            foreach (var file in files) console.MarkupLine($"  {Markup.Escape(Path.GetFileName(file))}");
            return 0;
        }

        if (!(r.Yes || estimate.Cost == 0)) throw new SubmissionDeclinedException(estimate);
        var progress = new ConsoleProgress(console);
        await using var session = await AzureSession.OpenAsync(client!, target, "qsan azure submit", progress.Report, cancellationToken).ConfigureAwait(false);
        var backend = new AzureShotBackend(client!, encoder, new AzureBackendOptions(
            new JobWaitOptions(JobWaitOptions.Default.InitialDelay, JobWaitOptions.Default.Factor, JobWaitOptions.Default.MaxDelay, r.Timeout, r.CancelOnTimeout),
            maxQubits, Confirm: e => r.Yes || e.Cost == 0, Progress: progress, SessionId: session.Id, Submitted: session.Add, Cancellation: cancellationToken));
        var engine = new ShotEngine(backend, new ShotEngineOptions(r.Shots, r.Pack ? int.MaxValue : 1));
        var result = await session.RunAsync(() => Task.Run(() => engine.Estimate(circuit, r.Tokens, inputs, weights, cancellationToken), cancellationToken)).ConfigureAwait(false);

        var exact = new double[r.Tokens * circuit.ObservableCount];
        new NativeEngine().Forward(circuit, r.Tokens, inputs, weights, exact);
        PrintEstimates(console, family, r.Tokens, result.Expectations, result.StandardErrors, exact);
        console.MarkupLine($"Jobs: {string.Join(", ", backend.SubmittedJobs)}");
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

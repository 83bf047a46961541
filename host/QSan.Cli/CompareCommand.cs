using System.CommandLine;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>compare</c>: runs the QSANN token circuits written in Q# on Microsoft's simulator and on the native
/// engine, prints the expectations side by side with their largest difference, and the speed of each.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var qubits = CommonOptions.Qubits();
        var depth = CommonOptions.Depth();
        var quantumDir = CommonOptions.QuantumDirectory();
        var tokens = new Option<int>("--tokens") { Description = "Number of random tokens to evaluate on both engines.", DefaultValueFactory = _ => 4 };
        tokens.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--tokens must be at least 1."); });
        var seed = new Option<int>("--seed") { Description = "Seed of the random angles.", DefaultValueFactory = _ => 1 };
        var command = new Command("compare", "Run the Q# circuits on Microsoft's simulator and on the native engine and compare numbers and speed.")
        {
            qubits, depth, quantumDir, tokens, seed,
        };
        command.SetAction((parse, _) => CliBoundary.RunAsync(context.Error, () => Task.FromResult(
            Run(context.Console, parse.GetValue(qubits), parse.GetValue(depth), parse.GetValue(quantumDir), parse.GetValue(tokens), parse.GetValue(seed)))));
        return command;
    }

    /// <summary>Runs the comparison, writing to <paramref name="console"/>; 0 when the engines agree to 1e-9.</summary>
    public static int Run(IAnsiConsole console, int n, int depth, string? quantumDir, int tokens, int seed)
    {
        ArgumentNullException.ThrowIfNull(console);
        using var workspace = QuantumWorkspace.Open(quantumDir);
        QsannCircuitFamily family = null!;
        console.Status().Start("Importing the Q# circuits (compiled once, then cached)...", _ => family = workspace.Circuits(n, depth));
        var circuit = family.Circuit;
        var (inputs, weights) = EngineComparison.RandomAngles(circuit, tokens, seed);
        EngineComparisonResult comparison = null!;
        console.Status().Start("Running the circuits on Microsoft's Q# simulator and the native engine...", _ => comparison = EngineComparison.Compare(workspace, family, depth, inputs, weights));

        var table = new Table().Title($"QSANN token circuits, n = {n}, D = {depth}: expectations").AddColumns("token", "observable", "Q# simulator", "native engine", "difference");
        foreach (var row in comparison.Rows.Where(r => r.Token < 2))
            table.AddRow($"{row.Token}", row.Observable, $"{row.QSharp:F12}", $"{row.Native:F12}", $"{row.Difference:E1}");
        var maxDifference = comparison.MaxDifference;
        console.Write(table);
        console.MarkupLine($"Largest difference over {tokens} tokens × {circuit.ObservableCount} observables: [bold]{maxDifference:E2}[/] {(maxDifference < 1e-9 ? "[green](identical to 1e-9)[/]" : "[red](MISMATCH)[/]")}");

        console.MarkupLine($"Q# simulator: {comparison.QSharpTokensPerSecond:N0} tokens/s (exact dumps, one Q# call per branch); native engine: " +
            $"{comparison.NativeTokensPerSecond:N0} tokens/s on the same {tokens} tokens; ratio {comparison.NativeTokensPerSecond / comparison.QSharpTokensPerSecond:N0}×.");
        console.MarkupLine("For the full measurement run [bold]dotnet run --project host/QSan.Cli -- bench engine[/].");
        return maxDifference < 1e-9 ? 0 : 1;
    }
}

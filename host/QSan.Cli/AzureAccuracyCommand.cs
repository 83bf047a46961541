using System.CommandLine;
using System.Globalization;
using QSan.Quantum.Shots;
using QSan.Azure.Engines;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>azure accuracy</c>: how shot noise degrades the QSANN expectations, offline — the local shot-sampling mode (the
/// estimator the Azure backend uses, sampling from exact distributions) against the exact native engine, per shot count.
/// </summary>
public static class AzureAccuracyCommand
{
    /// <summary>Builds the command, which writes through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var qubits = CommonOptions.Qubits();
        var depth = CommonOptions.Depth();
        var tokens = new Option<int>("--tokens") { Description = "Random tokens.", DefaultValueFactory = _ => 16 };
        var shots = new Option<string>("--shots") { Description = "Comma-separated shot counts.", DefaultValueFactory = _ => "10,100,1000,10000" };
        var seed = new Option<int>("--seed") { Description = "Seed of angles and sampling.", DefaultValueFactory = _ => 1 };
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("accuracy", "Show how estimates from shots approach the exact expectations (local sampling, no network).") { qubits, depth, tokens, shots, seed, quantumDir };
        command.SetAction(parse => AzureCliErrors.RunAsync(context, () => Task.FromResult(Run(context.Console, parse.GetValue(qubits), parse.GetValue(depth), parse.GetValue(tokens),
            parse.GetValue(shots)!, parse.GetValue(seed), parse.GetValue(quantumDir)))).GetAwaiter().GetResult());
        return command;
    }

    private static int Run(IAnsiConsole console, int n, int depth, int tokens, string shotList, int seed, string? quantumDir)
    {
        var counts = shotList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"'{s}' is not a shot count.")).ToArray();
        using var quantum = QuantumWorkspace.Open(quantumDir);
        var circuit = quantum.Circuits(n, depth).Circuit;
        var table = new Table().Border(TableBorder.Rounded).Title($"QSANN n = {n}, D = {depth}, {tokens} tokens, {tokens * circuit.ObservableCount} expectations");
        foreach (var column in new[] { "shots", "RMS error", "max |error|", "mean s.e.", "within 2 s.e.", "jobs (29-qubit target)" }) table.AddColumn(column);
        foreach (var row in ShotAccuracy.Measure(circuit, tokens, counts, seed))
            table.AddRow(row.Shots.ToString(CultureInfo.InvariantCulture),
                row.RmsError.ToString("0.0000", CultureInfo.InvariantCulture),
                row.MaxError.ToString("0.0000", CultureInfo.InvariantCulture),
                row.MeanStandardError.ToString("0.0000", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{100.0 * row.WithinTwoStandardErrors:0}%"),
                row.Programs.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine("The error falls as 1/√shots; the standard errors reported with each estimate track it.");
        return 0;
    }
}

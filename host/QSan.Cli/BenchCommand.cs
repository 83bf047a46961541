using System.CommandLine;
using System.Text.Json;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using Spectre.Console;

namespace QSan.Cli;

/// <summary><c>bench</c>: measured figures (never asserted in tests), recorded in BENCHMARKS.md.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure speed (and, for the paper, accuracy); prints figures for BENCHMARKS.md.");
        command.Subcommands.Add(CreateEngine(context));
        command.Subcommands.Add(BenchPaperCommand.Create(context));
        command.Subcommands.Add(GanCommand.CreateBench(context));
        return command;
    }

    private static Command CreateEngine(CliContext context)
    {
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var depth = CommonOptions.Depth();
        var qubits = new Option<int[]>("--qubits", "-n") { Description = "Qubit counts to measure.", DefaultValueFactory = _ => [4, 8], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<double>("--seconds") { Description = "Timed duration of each native repetition.", DefaultValueFactory = _ => 0.5 };
        var qsharpCircuits = new Option<int>("--qsharp-circuits") { Description = "Circuits in the larger of the two timed Q# simulator calls.", DefaultValueFactory = _ => 2000 };
        var command = new Command("engine", "Forward and VJP evaluations per second of the QSANN token circuits: native engine vs Microsoft's Q# simulator.")
        {
            qubits, depth, seconds, qsharpCircuits, quantumDir, json,
        };
        command.SetAction(parse => RunEngine(context, parse.GetValue(qubits)!, parse.GetValue(depth), parse.GetValue(seconds), parse.GetValue(qsharpCircuits), parse.GetValue(quantumDir), parse.GetValue(json)));
        return command;
    }

    /// <summary>One row of <c>bench engine</c>.</summary>
    /// <param name="Qubits">n.</param>
    /// <param name="Depth">D.</param>
    /// <param name="NativeForwardPerSecond">Token circuits (encoder + one ansatz + all value Paulis) per second, native.</param>
    /// <param name="NativeVjpPerSecond">Vector-Jacobian products of token circuits per second, native (adjoint method).</param>
    /// <param name="NativeQkvTokensPerSecond">Tokens per second with query, key and value sharing one encoded state, forward.</param>
    /// <param name="NativeQkvVjpTokensPerSecond">The same with VJPs.</param>
    /// <param name="QSharpForwardPerSecond">Token circuits per second on Microsoft's simulator (one shot each, one Q# call looping).</param>
    /// <param name="Ratio">NativeForwardPerSecond / QSharpForwardPerSecond.</param>
    /// <param name="Threads">Cores used by the native engine.</param>
    /// <param name="Simd">The SIMD width the native engine ran with.</param>
    public sealed record EngineRow(int Qubits, int Depth, double NativeForwardPerSecond, double NativeVjpPerSecond,
        double NativeQkvTokensPerSecond, double NativeQkvVjpTokensPerSecond, double QSharpForwardPerSecond, double Ratio, int Threads, string Simd);

    private static int RunEngine(CliContext context, int[] qubitCounts, int depth, double seconds, int qsharpCircuits, string? quantumDir, bool json)
    {
        using var workspace = QuantumWorkspace.Open(quantumDir);
        var rows = new List<EngineRow>();
        var options = EngineBenchmarkOptions.Default with { Duration = seconds };
        void Measure(Action<string> status)
        {
            foreach (var n in qubitCounts)
            {
                status($"n = {n}: importing the Q# circuits");
                var family = workspace.Circuits(n, depth);
                status($"n = {n}: native engine");
                var native = EngineBenchmark.Run(new NativeEngine(), TokenCircuit(family), family.Circuit, depth, options);
                status($"n = {n}: Microsoft's Q# simulator");
                var qsharp = QSharpSimulatorBenchmark.CircuitsPerSecond(workspace.Bridge, workspace.Project, n, depth, qsharpCircuits);
                rows.Add(new EngineRow(n, depth, native.ForwardPerSecond, native.VjpPerSecond, native.AttentionForwardTokensPerSecond,
                    native.AttentionVjpTokensPerSecond, qsharp, native.ForwardPerSecond / qsharp, native.Threads, native.Simd));
            }
        }

        if (json)
        {
            Measure(_ => { });
            context.Output.WriteLine(JsonSerializer.Serialize(new { results = rows }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            return 0;
        }
        context.Console.Status().Start("Measuring...", status => Measure(text => status.Status(text)));
        var table = new Table().Title($"QSANN token circuits (D = {depth}), evaluations per second on {Environment.ProcessorCount} cores, SIMD {rows.FirstOrDefault()?.Simd}")
            .AddColumns("n", "native forward", "native VJP", "native QKV tokens", "native QKV VJP tokens", "Q# simulator", "native / Q#");
        foreach (var r in rows)
            table.AddRow($"{r.Qubits}", $"{r.NativeForwardPerSecond:N0}", $"{r.NativeVjpPerSecond:N0}", $"{r.NativeQkvTokensPerSecond:N0}",
                $"{r.NativeQkvVjpTokensPerSecond:N0}", $"{r.QSharpForwardPerSecond:N0}", $"{r.Ratio:N0}×");
        context.Console.Write(table);
        return 0;
    }

    /// <summary>The token circuit of the benchmark: the encoder and the value branch (d Pauli expectations).</summary>
    public static BranchedCircuit TokenCircuit(QsannCircuitFamily family) =>
        new(family.Circuit.Prefix, [family.Branch("value")]);
}

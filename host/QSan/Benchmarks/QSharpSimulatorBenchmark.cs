using System.Diagnostics;
using System.Text;
using QSan.Quantum.Bridge;
using QSan.Quantum.Import;
using QSan.Quantum.Qsann;

namespace QSan.Benchmarks;

/// <summary>
/// Measures Microsoft's Q# simulator on the QSANN token circuit in its fastest mode: one Q# call that loops
/// over many parameter sets, each an encoder + value ansatz + measurement (one shot per circuit).
/// The rate is marginal — (N₂ − N₁) / (t₂ − t₁) for two batch sizes — so the per-call compilation is not counted against it.
/// </summary>
public static class QSharpSimulatorBenchmark
{
    private const string BenchFileName = "src/QSanGenerated/Benchmark.qs";

    /// <summary>Circuits per second of the Q# simulator for (n, D).</summary>
    /// <param name="bridge">The running bridge.</param>
    /// <param name="project">The Q# project.</param>
    /// <param name="numQubits">n.</param>
    /// <param name="depth">D.</param>
    /// <param name="circuits">The larger batch size N₂ (N₁ = N₂ / 4).</param>
    /// <param name="seed">Seed of the random angles.</param>
    public static double CircuitsPerSecond(QSharpBridge bridge, QSharpProject project, int numQubits, int depth, int circuits, int seed = 7)
    {
        var small = Math.Max(1, circuits / 4);
        // Warm the bridge and the compiler once so both timed calls see the same state.
        Time(bridge, project, numQubits, depth, small, seed);
        var t1 = Time(bridge, project, numQubits, depth, small, seed);
        var t2 = Time(bridge, project, numQubits, depth, circuits, seed);
        var marginal = t2 - t1;
        return marginal > 0 ? (circuits - small) / marginal : circuits / t2;
    }

    private static double Time(QSharpBridge bridge, QSharpProject project, int n, int depth, int circuits, int seed)
    {
        var random = new Random(seed);
        var d = n * (depth + 2);
        var rows = new StringBuilder();
        for (var i = 0; i < circuits; i++)
            rows.Append(i == 0 ? "" : ", ").Append(QSharpLiteral.DoubleArray(Enumerable.Range(0, d).Select(_ => random.NextDouble() * Math.PI).ToArray()));
        var theta = QSharpLiteral.DoubleArray(Enumerable.Range(0, d).Select(_ => random.NextDouble() * Math.PI).ToArray());
        var source = $$"""
            namespace QSanGenerated {
                operation Benchmark() : Int {
                    let inputs = [{{rows}}];
                    mutable ones = 0;
                    for angles in inputs {
                        let results = {{QsannEntryPoints.Branches[2].HardwareCircuit}}({{n}}, {{depth}}, angles, {{theta}}, PauliZ);
                        if results[0] == One { ones += 1; }
                    }
                    ones
                }
            }
            """;
        var withBench = project.WithExtraSource(BenchFileName, source);
        var watch = Stopwatch.StartNew();
        var shot = bridge.RunShots(withBench, "QSanGenerated.Benchmark()", 1)[0];
        watch.Stop();
        if (!shot.Success) throw new InvalidOperationException($"The Q# benchmark failed: {shot.Error?.Describe()}");
        return watch.Elapsed.TotalSeconds;
    }
}

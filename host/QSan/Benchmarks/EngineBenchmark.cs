using System.Diagnostics;
using System.Runtime.Intrinsics;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;

namespace QSan.Benchmarks;

/// <summary>
/// Measures engine throughput on the QSANN token circuits (docs/model.md) with random encoder angles and shared weights:
/// warm-up, then repeated batches for a fixed time, best of several repetitions. Prints nothing.
/// </summary>
public static class EngineBenchmark
{
    /// <summary>Benchmarks the native engine.</summary>
    public static EngineBenchmarkResult Run(int qubits, int depth, EngineBenchmarkOptions? options = null) =>
        Run(new NativeEngine(), qubits, depth, options);

    /// <summary>Benchmarks <paramref name="engine"/> on n = <paramref name="qubits"/>, D = <paramref name="depth"/>.</summary>
    public static EngineBenchmarkResult Run(IDifferentiableEngine engine, int qubits, int depth, EngineBenchmarkOptions? options = null)
        => Run(engine, QsannCircuits.TokenCircuit(qubits, depth), QsannCircuits.AttentionCircuit(qubits, depth), depth, options);

    /// <summary>
    /// Benchmarks <paramref name="engine"/> on given circuits (e.g. the ones imported from the Q# project):
    /// <paramref name="tokenCircuit"/> is the encoder with one branch, <paramref name="attentionCircuit"/> the encoder with its
    /// query, key and value branches; <paramref name="depth"/> is only reported.
    /// </summary>
    public static EngineBenchmarkResult Run(IDifferentiableEngine engine, BranchedCircuit tokenCircuit, BranchedCircuit attentionCircuit, int depth, EngineBenchmarkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= EngineBenchmarkOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Duration);

        var token = new Workload(tokenCircuit, options);
        var attention = new Workload(attentionCircuit, options);
        return new EngineBenchmarkResult(engine.Name, tokenCircuit.QubitCount, depth, options.Batch, Environment.ProcessorCount, Simd(),
            Rate(options, () => token.Forward(engine)),
            Rate(options, () => token.Vjp(engine)),
            Rate(options, () => attention.Forward(engine)),
            Rate(options, () => attention.Vjp(engine)));
    }

    private static string Simd() =>
        Vector512.IsHardwareAccelerated ? "512-bit (8 lanes)"
        : Vector256.IsHardwareAccelerated ? "256-bit (4 lanes)"
        : "scalar";

    /// <summary>Circuits per second of <paramref name="call"/> (which evaluates one batch).</summary>
    private static double Rate(EngineBenchmarkOptions options, Action call) =>
        options.Batch * CallsPerSecond(call, options.Duration, options.Repetitions);

    /// <summary>
    /// Calls per second of <paramref name="call"/>: a warm-up, then the best of <paramref name="repetitions"/> runs of about
    /// <paramref name="duration"/> seconds each (other load on the machine only slows a run down).
    /// </summary>
    internal static double CallsPerSecond(Action call, double duration, int repetitions)
    {
        // Warm-up long enough for tiered JIT to reach optimised code.
        var warm = Stopwatch.StartNew();
        do call(); while (warm.Elapsed.TotalSeconds < Math.Min(0.3, duration));

        var best = 0.0;
        for (var r = 0; r < repetitions; r++)
        {
            var calls = 0L;
            var timer = Stopwatch.StartNew();
            do
            {
                call();
                calls++;
            }
            while (timer.Elapsed.TotalSeconds < duration);
            best = Math.Max(best, calls / timer.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>One circuit with its random batch and output buffers.</summary>
    private sealed class Workload
    {
        private readonly BranchedCircuit circuit;
        private readonly int batch;
        private readonly double[] inputs, weights, cotangents, expectations, inputGradients, weightGradients;

        public Workload(BranchedCircuit circuit, EngineBenchmarkOptions options)
        {
            var rng = new Random(options.Seed);
            double[] Random(int count) => [.. Enumerable.Range(0, count).Select(_ => (rng.NextDouble() * 2 - 1) * Math.PI)];
            this.circuit = circuit;
            batch = options.Batch;
            inputs = Random(batch * circuit.InputCount);
            weights = Random(circuit.WeightCount);
            cotangents = Random(batch * circuit.ObservableCount);
            expectations = new double[batch * circuit.ObservableCount];
            inputGradients = new double[batch * circuit.InputCount];
            weightGradients = new double[circuit.WeightCount];
        }

        public void Forward(IQuantumEngine engine) => engine.Forward(circuit, batch, inputs, weights, expectations);

        public void Vjp(IDifferentiableEngine engine) =>
            engine.Vjp(circuit, batch, inputs, weights, cotangents, expectations, inputGradients, weightGradients);
    }
}

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
        options = Checked(options);

        var token = new Workload(tokenCircuit, options);
        var attention = new Workload(attentionCircuit, options);
        return new EngineBenchmarkResult(engine.Name, tokenCircuit.QubitCount, depth, options.Batch, Environment.ProcessorCount, Simd(),
            Rate(options, () => token.Forward(engine)),
            Rate(options, () => token.Vjp(engine)),
            Rate(options, () => attention.Forward(engine)),
            Rate(options, () => attention.Vjp(engine)));
    }

    /// <summary>
    /// <c>bench engine</c>: for each n, the native engine (forward, VJP, query/key/value tokens) on the circuits imported
    /// from <paramref name="workspace"/>'s Q# project beside Microsoft's Q# simulator, their flop rates against this
    /// machine's FMA peak, and for n ≤ <see cref="EngineBenchmarkOptions.NoisyMaxQubits"/> the density-matrix engine
    /// under the options' noise, its kernels alone, and Microsoft's noisy simulator where qsharp-lang can express the noise.
    /// </summary>
    /// <param name="workspace">The Q# project and its bridge.</param>
    /// <param name="options">What to measure.</param>
    /// <param name="status">Told what is being measured, for a progress display.</param>
    public static IReadOnlyList<EngineRow> Compare(QuantumWorkspace workspace, EngineComparisonOptions options, Action<string>? status = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        status ??= _ => { };
        var (depth, seconds, noise) = (options.Depth, options.Seconds, options.Noise);
        var timing = EngineBenchmarkOptions.Default with { Duration = seconds };
        var rows = new List<EngineRow>();
        // The peak is sampled before each register size and at the end, and the largest sample used for every row: on a
        // shared machine one sample can catch a slow moment, which would inflate every share computed from it.
        var peaks = new List<double>();
        foreach (var n in options.Qubits)
        {
            status($"n = {n}: the machine's FMA peak");
            peaks.Add(FmaPeak.Gflops(seconds));
            status($"n = {n}: importing the Q# circuits");
            var family = workspace.Circuits(n, depth);
            var token = TokenCircuit(family);
            status($"n = {n}: native engine");
            var native = Run(new NativeEngine(), token, family.Circuit, depth, timing);
            status($"n = {n}: Microsoft's Q# simulator");
            var qsharp = QSharpSimulatorBenchmark.CircuitsPerSecond(workspace.Bridge, workspace.Project, n, depth, options.QSharpCircuits);
            var nativeFlops = NativeEngine.FlopsPerCircuit(token);
            var row = new EngineRow(n, depth, native.ForwardPerSecond, native.VjpPerSecond, native.AttentionForwardTokensPerSecond,
                native.AttentionVjpTokensPerSecond, qsharp, native.ForwardPerSecond / qsharp, native.Threads, native.Simd,
                nativeFlops, native.ForwardPerSecond * nativeFlops / 1e9, FmaPeakGflops: double.NaN); // the run's peak, known once every sample is in
            if (n <= EngineBenchmarkOptions.NoisyMaxQubits)
            {
                status($"n = {n}: density-matrix engine, {noise.Spec}");
                var density = new DensityMatrixEngine(noise);
                var noisy = Run(density, token, family.Circuit, depth, timing);
                var flops = density.FlopsPerCircuit(token);
                row = row with { Noise = noise.Spec, NoisyForwardPerSecond = noisy.ForwardPerSecond, NoisyVjpPerSecond = noisy.VjpPerSecond,
                    NoisyFlopsPerCircuit = flops, NoisyGflops = noisy.ForwardPerSecond * flops / 1e9,
                    NoiselessPerNoisy = native.ForwardPerSecond / noisy.ForwardPerSecond };
                status($"n = {n}: the noisy pass's kernels alone");
                row = row with { NoisyKernels = PauliKernelTiming.Measure(density, token, seconds) };
                if (options.NoisyShots > 0 && MicrosoftNoisyBenchmark.PauliEquivalent(noise) is { } pauli)
                {
                    status($"n = {n}: Microsoft's noisy simulator, {options.NoisyShots:N0} shots");
                    var microsoft = MicrosoftNoisyBenchmark.Measure(workspace.Bridge, workspace.Project, n, depth, options.NoisyShots, pauli.Px, pauli.Py, pauli.Pz);
                    row = row with { Microsoft = MicrosoftRow(microsoft, token, noisy.ForwardPerSecond) };
                }
            }
            rows.Add(row);
        }
        status("the machine's FMA peak");
        peaks.Add(FmaPeak.Gflops(seconds));
        var best = peaks.Max();
        return [.. rows.Select(r => r with { FmaPeakGflops = best })];
    }

    /// <summary>The token circuit of the benchmarks: the encoder and the value branch (d Pauli expectations).</summary>
    public static BranchedCircuit TokenCircuit(QsannCircuitFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return new(family.Circuit.Prefix, [family.Branch("value")]);
    }

    private static MicrosoftNoisyRow MicrosoftRow(MicrosoftNoisyTiming timing, BranchedCircuit token, double nativePerSecond)
    {
        var bases = token.Branches.Sum(b => b.Observables.Select(o => o.Pauli).Distinct().Count());
        var perCircuit = bases * timing.SecondsPerCircuitAtOnePercent;
        return new MicrosoftNoisyRow(timing.Shots, timing.Px, timing.Py, timing.Pz, timing.SecondsPerShot, timing.SecondsPerCircuitAtOnePercent, bases,
            perCircuit, 1 / nativePerSecond, perCircuit * nativePerSecond);
    }

    /// <summary>Circuits per second of <paramref name="engine"/>'s forward evaluation of <paramref name="circuit"/> (tokens, for the QSANN circuits).</summary>
    public static double ForwardPerSecond(IQuantumEngine engine, BranchedCircuit circuit, EngineBenchmarkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(circuit);
        options = Checked(options);
        var workload = new Workload(circuit, options);
        return Rate(options, () => workload.Forward(engine));
    }

    private static EngineBenchmarkOptions Checked(EngineBenchmarkOptions? options)
    {
        options ??= EngineBenchmarkOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Duration);
        return options;
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

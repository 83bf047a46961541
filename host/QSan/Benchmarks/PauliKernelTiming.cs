using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Engine.Density;
using QSan.Quantum.Engine.Simd;

namespace QSan.Benchmarks;

/// <summary>
/// Times the full-state passes of the density-matrix engine's forward sweep one at a time, on one thread and one block of
/// 8 lanes (the engine's widest vectors) held in cache, with nothing else running between calls: the rate each kernel
/// reaches alone. What a forward pass made only of these kernels could reach follows from them
/// (<see cref="KernelTiming.Bound"/>); angles, per-circuit matrices, the readout and the transposes come on top, so the
/// whole pass can only be slower.
/// </summary>
public static class PauliKernelTiming
{
    /// <summary>
    /// The passes over the full state in <paramref name="engine"/>'s forward evaluation of <paramref name="circuit"/>, each
    /// timed alone on one thread for about <paramref name="seconds"/> in all, and one thread's FMA peak: how close to the
    /// machine's limit the evaluation could get if it did nothing else.
    /// </summary>
    public static KernelTiming Measure(DensityMatrixEngine engine, BranchedCircuit circuit, double seconds = 0.5)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        return Measure(engine.ProgramOf(circuit), seconds);
    }

    private static KernelTiming Measure(PauliProgram program, double seconds) => LaneWidths.WidestSupported(LaneWidth.Vector512) switch
    {
        LaneWidth.Vector512 => Measure<Lanes512>(program, seconds),
        LaneWidth.Vector256 => Measure<Lanes256>(program, seconds),
        _ => Measure<Lanes1>(program, seconds),
    };

    private static KernelTiming Measure<T>(PauliProgram program, double seconds) where T : struct, ILanes<T>
    {
        const int lanes = 8;
        var length = program.Length * lanes;
        var (state, scratch) = (new AlignedBuffer(length), new AlignedBuffer(length));
        var vectors = new AlignedBuffer(program.Qubits * 4 * lanes);
        var matrix = new AlignedBuffer(16 * lanes);
        var random = new Random(1);
        foreach (var buffer in new[] { state, scratch, vectors })
            for (var i = 0; i < buffer.Length; i++) buffer[i] = random.NextDouble() * 2 - 1;
        // The fused maps run again and again on the same state: a rotation keeps it from growing or decaying into
        // subnormal numbers, which would slow the arithmetic and understate the rate.
        var (cos, sin) = (Math.Cos(0.3), Math.Sin(0.3));
        double[] rotation = [1, 0, 0, 0, 0, cos, -sin, 0, 0, sin, cos, 0, 0, 0, 0, 1];
        for (var k = 0; k < 16; k++) matrix.AsSpan(k * lanes, lanes).Fill(rotation[k]);

        var kernels = new List<KernelRate>();
        void Time(string name, long flopsPerCircuit, Action pass)
        {
            // 64 passes per timed call: a single small pass would take little longer than reading the clock.
            var calls = EngineBenchmark.CallsPerSecond(() => { for (var k = 0; k < 64; k++) pass(); }, seconds / 20, repetitions: 3);
            kernels.Add(new KernelRate(name, flopsPerCircuit, flopsPerCircuit * lanes * 64 * calls / 1e9));
        }

        var ops = program.PrefixOps.Concat(program.Branches.SelectMany(b => b.Ops)).ToList();
        foreach (var op in ops)
        {
            switch (op)
            {
                case ProductOp:
                    Time("product state", PauliFlops.Products(program.Qubits), () => PauliKernels.Product<T>(scratch, program.Qubits, lanes, vectors));
                    break;
                case RunOp run:
                    Time("gather (Clifford run)", program.Length, () => PauliKernels.Gather<T>(scratch, state, run.Source, run.Scale, lanes));
                    break;
                case FusedOp fused:
                    Time($"fused map on qubit {fused.Qubit}", PauliFlops.Fused(fused, program.Length),
                        () => PauliKernels.Transfer<T>(state, program.Length, fused.Qubit, lanes, matrix, fused.Unital));
                    break;
            }
        }
        return new KernelTiming(kernels, FmaPeak.Gflops(seconds / 4, threads: 1));
    }
}

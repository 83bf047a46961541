using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Density;
using QSan.Quantum.Engine.Simd;
using QSan.Quantum.Noise;

namespace QSan.Quantum.Engine;

/// <summary>
/// Exact noisy simulation on density matrices: every gate of the circuit is followed by the <see cref="NoiseModel"/>'s
/// channels on the qubits it touched, each measurement's basis change is a noisy gate too, and readout errors scale
/// the expectations. With <see cref="NoiseModel.None"/> it equals the state-vector engine. Correct for 1–12 qubits; meant for 2–6.
/// </summary>
/// <remarks>
/// How it is fast: the density matrix is held in the Pauli basis (ρ = 2⁻ⁿ Σ_P r_P P, 4ⁿ real coefficients, Hermiticity for
/// free), coefficient P of a block of circuits is one SIMD vector (batch innermost, as in <see cref="NativeEngine"/>), and
/// batches are split over all processors. In that basis every single-qubit gate and channel is a real 4×4 map on groups
/// of 4 coefficients, so gates and the channels between two entangling gates fuse into one pass per qubit; CNOT, CZ and
/// SWAP with the Pauli channels after them are one signed permutation with scales (a gather, one multiply per
/// coefficient); the leading single-qubit layer on |0…0⟩ is a tensor product; single-qubit Pauli expectations are single
/// coefficients, so after a measured qubit's last entangling gate only its reduced Bloch vector is mapped. Gradients use
/// the adjoint method on the same layout (cotangent observable carried backwards through the transposed maps; every angle
/// inside a fused map gets its gradient from one 4×4 correlation per map); where the stored states would not fit in
/// memory, the exact parameter-shift rule.
/// </remarks>
public sealed class DensityMatrixEngine : IDifferentiableEngine
{
    /// <summary>The largest register it simulates (a 12-qubit state takes 128 MiB per circuit in flight).</summary>
    public const int MaxQubits = 12;

    // States kept for the adjoint sweep, per block in flight; above this the engine differentiates by parameter shift.
    private const long AdjointMemoryLimit = 64L << 20;

    // Above this many coefficients a state is simulated one circuit at a time (8 lanes of a 9-qubit state would take 16 MiB).
    private const int WideStateLimit = 1 << 16;

    // Work (flops) per chunk of a call, at least, and from which a call goes to every processor (see LaneBatch).
    private const long ChunkWork = 1L << 16;
    private const long PoolWork = 1L << 22;

    private readonly ConditionalWeakTable<BranchedCircuit, PauliProgram> programs = new();
    private readonly LaneBatch<PauliWorkspace> batches;
    private readonly ParameterShiftGradient shift;

    /// <summary>An engine for <paramref name="noise"/> on all processors.</summary>
    public DensityMatrixEngine(NoiseModel noise)
        : this(noise, Environment.ProcessorCount)
    {
    }

    /// <summary>An engine for <paramref name="noise"/> on at most <paramref name="maxDegreeOfParallelism"/> threads per call.</summary>
    public DensityMatrixEngine(NoiseModel noise, int maxDegreeOfParallelism)
        : this(noise, LaneWidth.Vector512, maxDegreeOfParallelism)
    {
    }

    /// <summary>Limits the SIMD width and the threads (tests use it to exercise every code path).</summary>
    internal DensityMatrixEngine(NoiseModel noise, LaneWidth maxWidth, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        Noise = noise;
        batches = new LaneBatch<PauliWorkspace>(LaneWidths.WidestSupported(maxWidth), maxDegreeOfParallelism, ChunkWork, PoolWork, WideStateLimit);
        shift = new ParameterShiftGradient(new ForwardOnly(this));
    }

    /// <summary>The noise the engine simulates.</summary>
    public NoiseModel Noise { get; }

    /// <inheritdoc/>
    public string Name => Noise.IsNoiseless ? "density-matrix" : $"density-matrix({Noise.Spec})";

    /// <summary>Floating-point operations one forward evaluation of a circuit performs, counted from the kernels (a multiply-add is 2).</summary>
    public long FlopsPerCircuit(BranchedCircuit circuit) => ProgramOf(circuit).ForwardFlops;

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        EngineArguments.CheckForward(circuit, batch, inputs.Length, weights.Length, expectations.Length);
        Execute(ProgramOf(circuit), batch, inputs, weights, default, expectations, default, default, gradients: false);
    }

    /// <inheritdoc/>
    public void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
    {
        EngineArguments.CheckVjp(circuit, batch, inputs.Length, weights.Length, cotangents.Length, expectations.Length,
            inputGradients.Length, weightGradients.Length);
        var program = ProgramOf(circuit);
        if ((long)program.StoreSlots * program.Length * batches.Lanes(program.Length, batch) * sizeof(double) > AdjointMemoryLimit)
        {
            shift.Vjp(circuit, batch, inputs, weights, cotangents, expectations, inputGradients, weightGradients);
            return;
        }
        weightGradients.Clear();
        inputGradients.Clear();
        Execute(program, batch, inputs, weights, cotangents, expectations, inputGradients, weightGradients, gradients: true);
    }

    internal PauliProgram ProgramOf(BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return programs.GetValue(circuit, c =>
        {
            c.Validate();
            if (c.QubitCount > MaxQubits)
                throw new NoiseException($"The density-matrix engine simulates at most {MaxQubits} qubits; the circuit has {c.QubitCount}.");
            Noise.CheckQubits(c.QubitCount);
            return new PauliProgram(c, Noise);
        });
    }

    private void Execute(PauliProgram program, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients, bool gradients)
    {
        if (batch == 0 || program.Branches.IsEmpty) return;
        batches.Run(new Call(program, weights.ToArray(), batch, gradients), inputs, cotangents, expectations, inputGradients, weightGradients);
    }

    /// <summary>What every chunk of one call shares.</summary>
    private sealed record Call(PauliProgram Program, double[] Weights, int Batch, bool Gradients)
        : LaneCall<PauliWorkspace>(Batch, Program.WeightCount, Gradients, Program.Length, Program.ForwardFlops)
    {
        public override IBlockRunner CreateRunner<T>(PauliWorkspace workspace, int lanes) => new PauliRunner<T>(Program, workspace, lanes, Weights, Gradients);

        // Large states are not kept: a 10-qubit run should not pin hundreds of MiB.
        public override bool KeepsWorkspace(PauliWorkspace workspace) => Program.Length <= WideStateLimit;
    }

    /// <summary>Exposes only <see cref="Forward"/>, for the parameter-shift fallback (which must not call back into <see cref="Vjp"/>).</summary>
    private sealed class ForwardOnly(DensityMatrixEngine engine) : IQuantumEngine
    {
        public string Name => engine.Name;

        public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations) =>
            engine.Forward(circuit, batch, inputs, weights, expectations);
    }
}

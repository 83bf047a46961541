using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Native;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine;

/// <summary>
/// Exact batched state-vector simulation on the CPU. Circuits of a batch are simulated together, one SIMD lane per
/// circuit; the prefix state is prepared once per circuit and shared by the branches, and expectations come straight
/// from the amplitudes. Gradients use the adjoint method. Tuned for 2–10 qubits; accepts up to 24 (a 20-qubit
/// state takes 16 MiB per circuit in flight, so keep such batches small).
/// </summary>
/// <remarks>
/// How it is fast: amplitude k of a block of L circuits is stored as L real parts then L imaginary parts, so every
/// operation is a SIMD operation across circuits with different angles. Each circuit is compiled once into a program
/// (cached per circuit instance) in which the leading single-qubit layer becomes a tensor product, consecutive
/// single-qubit gates fuse into one 2×2 matrix per lane, CNOT and SWAP become a relabelling of amplitude indices
/// (no data moves), CZ a sign flip, and single-qubit gates after a measured qubit's last two-qubit gate act on its
/// reduced density matrix instead of the state. Batches big enough are cut into chunks that run on two or more threads.
/// </remarks>
public sealed class NativeEngine : IDifferentiableEngine
{
    // Keyed by instance: a BranchedCircuit is immutable, and the table lets compiled programs die with their circuit.
    private static readonly ConditionalWeakTable<BranchedCircuit, CompiledCircuit> Programs = new();

    // Work (amplitude updates) per chunk of a call, at least (a QSANN minibatch's 4-qubit circuits make two chunks), and
    // from which a call goes to every processor rather than to the caller and ChunkTeam's helper (see LaneBatch).
    private const long ChunkWork = 1L << 14;
    private const long PoolWork = 1L << 20;

    // Workspaces bigger than this (doubles) are not kept for reuse: a 20-qubit run should not pin hundreds of MiB.
    private const long PooledWorkspaceLimit = 1L << 23;

    private readonly LaneBatch<Workspace> batches;
    private readonly ConcurrentBag<SharedValues> sharedValues = [];

    // The states the last ForwardKeepingStates kept for its Vjp, and a used tape whose memory the next one reuses.
    private ForwardTape? keptTape;
    private ForwardTape? spareTape;

    /// <summary>Uses the widest SIMD the hardware runs natively and all processors.</summary>
    public NativeEngine()
        : this(LaneWidth.Vector512, Environment.ProcessorCount)
    {
    }

    /// <summary>Uses the widest native SIMD and at most <paramref name="maxDegreeOfParallelism"/> threads per call.</summary>
    /// <param name="maxDegreeOfParallelism">Threads a large batch is split over (1 runs on the calling thread only).</param>
    public NativeEngine(int maxDegreeOfParallelism)
        : this(LaneWidth.Vector512, maxDegreeOfParallelism)
    {
    }

    /// <summary>Limits the SIMD width and the threads (tests use it to exercise every code path).</summary>
    internal NativeEngine(LaneWidth maxWidth, int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        batches = new LaneBatch<Workspace>(LaneWidths.WidestSupported(maxWidth), maxDegreeOfParallelism, ChunkWork, PoolWork);
    }

    /// <inheritdoc/>
    public string Name => "native";

    /// <summary>Floating-point operations one forward evaluation of a circuit performs, counted from the kernels (a multiply-add is 2).</summary>
    public static long FlopsPerCircuit(BranchedCircuit circuit) => NativeFlops.Forward(Compile(circuit));

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        EngineArguments.CheckForward(circuit, batch, inputs.Length, weights.Length, expectations.Length);
        var program = Compile(circuit);
        Execute(program, batch, inputs, weights, default, expectations, default, default, gradients: false);
    }

    /// <summary>
    /// <see cref="Forward"/>, keeping each block's states so that a <see cref="Vjp"/> with the same arguments (compared bit
    /// for bit) starts its adjoint sweep from them instead of re-running the forward sweep. One set is kept per engine;
    /// the next such call replaces it, and a Vjp uses it up.
    /// </summary>
    public void ForwardKeepingStates(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        EngineArguments.CheckForward(circuit, batch, inputs.Length, weights.Length, expectations.Length);
        var program = Compile(circuit);
        if (batch == 0 || program.Branches.IsEmpty) return;
        var lanes = batches.Lanes(program.Dimension, batch);
        if (ForwardTape.Size(program, batch, lanes) > ForwardTape.Limit)
        {
            Execute(program, batch, inputs, weights, default, expectations, default, default, gradients: false);
            return;
        }
        var tape = Interlocked.Exchange(ref spareTape, null) ?? new ForwardTape();
        tape.Reset(program, batch, lanes, inputs, weights);
        Execute(program, batch, inputs, weights, default, expectations, default, default, gradients: false, tape);
        var replaced = Interlocked.Exchange(ref keptTape, tape);
        if (replaced is not null) spareTape = replaced;
    }

    /// <inheritdoc/>
    public void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
    {
        EngineArguments.CheckVjp(circuit, batch, inputs.Length, weights.Length, cotangents.Length, expectations.Length,
            inputGradients.Length, weightGradients.Length);
        var program = Compile(circuit);
        weightGradients.Clear();
        if (program.Branches.IsEmpty)
        {
            inputGradients.Clear();
            return;
        }
        // The states of the matching forward call, if it kept them; taking the tape makes it this call's alone.
        var tape = Interlocked.Exchange(ref keptTape, null);
        if (tape is not null && !tape.Matches(program, batch, inputs, weights))
        {
            spareTape = tape;
            tape = null;
        }
        Execute(program, batch, inputs, weights, cotangents, expectations, inputGradients, weightGradients, gradients: true, tape);
        if (tape is not null) spareTape = tape;
    }

    internal static CompiledCircuit Compile(BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return Programs.GetValue(circuit, CircuitCompiler.Compile);
    }

    private void Execute(CompiledCircuit program, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients, bool gradients,
        ForwardTape? tape = null)
    {
        if (batch == 0 || program.Branches.IsEmpty) return;
        // Weight-dependent values are refreshed in a pooled object: small batches should not pay allocations.
        if (!sharedValues.TryTake(out var shared) || shared.Program != program) shared = new SharedValues(program);
        shared.Update(weights);
        batches.Run(new Call(program, shared, batch, gradients, tape), inputs, cotangents, expectations, inputGradients, weightGradients);
        sharedValues.Add(shared);
    }

    /// <summary>What every chunk of one call shares.</summary>
    private sealed record Call(CompiledCircuit Program, SharedValues Shared, int Batch, bool Gradients, ForwardTape? Tape)
        : LaneCall<Workspace>(Batch, Program.WeightCount, Gradients, Program.Dimension, Program.WorkPerCircuit)
    {
        public override IBlockRunner CreateRunner<T>(Workspace workspace, int lanes) => new BlockRunner<T>(Program, workspace, lanes, Shared, Gradients, Tape);

        public override bool KeepsWorkspace(Workspace workspace) => workspace.Size <= PooledWorkspaceLimit;
    }
}

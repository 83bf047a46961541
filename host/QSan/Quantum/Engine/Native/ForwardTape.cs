using System.Runtime.InteropServices;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// What a forward call kept for the vector-Jacobian product that follows it (training calls the two back to back with the
/// same arguments): per block of circuits the prefix state, and per branch its final state, the measured qubits' reduced
/// density matrices and the expectations. The adjoint sweep starts from these instead of re-running the forward sweep.
/// A tape answers only for the exact arguments it was recorded with (compared bit for bit), and is used up by the sweep,
/// which un-applies the states in place.
/// </summary>
internal sealed class ForwardTape
{
    // Tapes larger than this (doubles) are not recorded: for large registers recomputing is cheaper than the memory.
    public const long Limit = 1L << 20;

    private double[] inputs = [];
    private double[] weights = [];
    private int inputLength;
    private int weightLength;

    public CompiledCircuit Program { get; private set; } = null!;
    public int Batch { get; private set; }
    public int Lanes { get; private set; }
    public AlignedBuffer Blocks { get; private set; } = AlignedBuffer.Empty;

    /// <summary>Doubles per block: prefix state, then per branch its state and reduced densities, then the expectations.</summary>
    public int BlockLength { get; private set; }

    /// <summary>Doubles a tape of <paramref name="batch"/> circuits in blocks of <paramref name="lanes"/> needs.</summary>
    public static long Size(CompiledCircuit program, int batch, int lanes) =>
        (long)BlockSize(program, lanes) * ((batch + lanes - 1) / lanes);

    /// <summary>Prepares the tape for a call (reusing its memory when large enough) and remembers the arguments.</summary>
    public void Reset(CompiledCircuit program, int batch, int lanes, ReadOnlySpan<double> callInputs, ReadOnlySpan<double> callWeights)
    {
        Program = program;
        Batch = batch;
        Lanes = lanes;
        BlockLength = BlockSize(program, lanes);
        var blocks = (batch + lanes - 1) / lanes;
        if (Blocks.Length < BlockLength * blocks) Blocks = new AlignedBuffer(BlockLength * blocks);
        Copy(callInputs, ref inputs);
        Copy(callWeights, ref weights);
        inputLength = callInputs.Length;
        weightLength = callWeights.Length;
    }

    /// <summary>Whether the tape was recorded for exactly these arguments.</summary>
    public bool Matches(CompiledCircuit program, int batch, ReadOnlySpan<double> callInputs, ReadOnlySpan<double> callWeights) =>
        ReferenceEquals(program, Program) && batch == Batch && callInputs.Length == inputLength && callWeights.Length == weightLength
        && MemoryMarshal.AsBytes(callInputs).SequenceEqual(MemoryMarshal.AsBytes(inputs.AsSpan(0, inputLength)))
        && MemoryMarshal.AsBytes(callWeights).SequenceEqual(MemoryMarshal.AsBytes(weights.AsSpan(0, weightLength)));

    /// <summary>Block <paramref name="block"/>'s prefix state.</summary>
    public Span<double> Prefix(int block) => Blocks.AsSpan(block * BlockLength, PrefixLength(Program, Lanes));

    /// <summary>Branch <paramref name="branch"/>'s final state in block <paramref name="block"/>.</summary>
    public Span<double> State(int block, int branch) => Blocks.AsSpan(BranchStart(block, branch), StateLength(Program, Lanes));

    /// <summary>Branch <paramref name="branch"/>'s reduced densities (4 × lanes per measured qubit) in block <paramref name="block"/>.</summary>
    public Span<double> Densities(int block, int branch) =>
        Blocks.AsSpan(BranchStart(block, branch) + StateLength(Program, Lanes), Program.Branches[branch].Measured.Length * 4 * Lanes);

    /// <summary>Block <paramref name="block"/>'s expectations in lane layout.</summary>
    public Span<double> Expectations(int block) =>
        Blocks.AsSpan((block + 1) * BlockLength - Program.ObservableCount * Lanes, Program.ObservableCount * Lanes);

    private int BranchStart(int block, int branch)
    {
        var start = block * BlockLength + PrefixLength(Program, Lanes);
        for (var b = 0; b < branch; b++) start += StateLength(Program, Lanes) + Program.Branches[b].Measured.Length * 4 * Lanes;
        return start;
    }

    private static int StateLength(CompiledCircuit program, int lanes) => 2 * program.Dimension * lanes;

    private static int PrefixLength(CompiledCircuit program, int lanes) => program.Prefix is null ? 0 : StateLength(program, lanes);

    private static int BlockSize(CompiledCircuit program, int lanes)
    {
        var size = PrefixLength(program, lanes) + program.ObservableCount * lanes;
        foreach (var branch in program.Branches) size += StateLength(program, lanes) + branch.Measured.Length * 4 * lanes;
        return size;
    }

    private static void Copy(ReadOnlySpan<double> source, ref double[] destination)
    {
        if (destination.Length < source.Length) destination = new double[source.Length];
        source.CopyTo(destination);
    }
}

using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Per-thread scratch for running blocks: states, per-lane angles and matrices, transposed inputs and outputs.
/// Rented from a pool for each chunk of a batch and grown on demand, so the per-block path never allocates.
/// Sizes are in doubles; "lane layout" means component-major rows of <c>lanes</c> values.
/// </summary>
internal sealed class Workspace
{
    public AlignedBuffer Cos = AlignedBuffer.Empty, Sin = AlignedBuffer.Empty;
    public AlignedBuffer Matrices = AlignedBuffer.Empty, Factors = AlignedBuffer.Empty, Vectors = AlignedBuffer.Empty, Tails = AlignedBuffer.Empty;
    public AlignedBuffer Psi = AlignedBuffer.Empty, Lambda = AlignedBuffer.Empty, PrefixPsi = AlignedBuffer.Empty, PrefixLambda = AlignedBuffer.Empty, Stages = AlignedBuffer.Empty;
    public AlignedBuffer Inputs = AlignedBuffer.Empty, Cotangents = AlignedBuffer.Empty, Expectations = AlignedBuffer.Empty;

    /// <summary>Per-lane gradient accumulators: input slots (per block), then weight slots (per chunk).</summary>
    public AlignedBuffer Gradients = AlignedBuffer.Empty;
    public AlignedBuffer Rho = AlignedBuffer.Empty, Bloch = AlignedBuffer.Empty, Hermitian = AlignedBuffer.Empty, Cross = AlignedBuffer.Empty, Adjoint = AlignedBuffer.Empty;
    public int[] IndexBuffer = new int[2 * IndexSet.ScanChunk];

    /// <summary>Total doubles held, to decide whether the pool keeps it.</summary>
    public long Size => (long)Cos.Length * 2 + Matrices.Length + Factors.Length + Vectors.Length + Tails.Length
        + Psi.Length + Lambda.Length + PrefixPsi.Length + PrefixLambda.Length + Stages.Length
        + Inputs.Length + Cotangents.Length + Expectations.Length + Gradients.Length;

    public void Ensure(CompiledCircuit program, int lanes, bool gradients)
    {
        var n = program.QubitCount;
        var state = 2 * program.Dimension * lanes;
        Grow(ref Cos, program.Rotations.Length * lanes);
        Grow(ref Sin, program.Rotations.Length * lanes);
        Grow(ref Matrices, program.MatrixSlots * 8 * lanes);
        Grow(ref Factors, program.SharedFactors.Length * 8 * lanes);
        Grow(ref Vectors, n * 4 * lanes);
        Grow(ref Tails, program.TailSlots * 8 * lanes);
        Grow(ref Psi, state);
        if (gradients) Grow(ref Lambda, state);
        if (program.Prefix is not null)
        {
            Grow(ref PrefixPsi, state);
            if (gradients) Grow(ref PrefixLambda, state);
        }
        if (gradients) Grow(ref Stages, state);
        Grow(ref Inputs, program.InputCount * lanes);
        Grow(ref Expectations, program.ObservableCount * lanes);
        if (gradients)
        {
            Grow(ref Cotangents, program.ObservableCount * lanes);
            Grow(ref Gradients, (program.InputCount + program.WeightCount) * lanes);
        }
        Grow(ref Rho, n * 4 * lanes);
        Grow(ref Bloch, n * 3 * lanes);
        Grow(ref Hermitian, n * 4 * lanes);
        Grow(ref Cross, 8 * lanes);
        Grow(ref Adjoint, 8 * lanes);
    }

    private static void Grow(ref AlignedBuffer buffer, int size) => AlignedBuffer.Grow(ref buffer, size);
}

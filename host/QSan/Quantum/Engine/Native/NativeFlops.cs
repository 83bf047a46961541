using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Floating-point operations of one circuit's forward evaluation on the native engine, counted per lane from what
/// <see cref="BlockRunner{T}"/>, <see cref="StateKernels"/> and <see cref="LaneMatrix{T}"/> execute (a multiply-add is 2,
/// as in the FMA peak; sign flips such as CZ count nothing). Work done once per call on the shared weights is left out:
/// over a batch it is negligible per circuit.
/// </summary>
internal static class NativeFlops
{
    /// <summary>Half angle (one multiply-add) and the fast vector sine/cosine of <see cref="FastSinCos"/>.</summary>
    private const long LaneRotation = 2 + Density.PauliFlops.SinCos;

    // LaneMatrix products: a general 2×2 complex product is 8 entries of (multiply + 3 multiply-adds); a rotation 8 of (multiply + multiply-add).
    private const long MatrixProduct = 8 * 7;
    private const long RotationProduct = 8 * 3;

    public static long Forward(CompiledCircuit program)
    {
        var pairs = program.Dimension / 2L;
        long flops = program.LaneRotations.Length * LaneRotation;
        flops += program.LaneOps.Sum(op => op.Factors.Take(op.Factors.Length - 1).Sum(f => f.Rotation >= 0 ? RotationProduct : MatrixProduct));
        if (program.Product is { } product)
        {
            // Per-lane qubit vectors: a rotation is 4 × (multiply + multiply-add), a later shared run a matrix-vector product.
            for (var q = 0; q < program.QubitCount; q++)
                if (product.PerLane[q])
                    flops += product.Factors[q].Select((f, i) => f.Rotation >= 0 ? 12L : i == 0 ? 0L : 28L).Sum();
        }
        flops += program.LaneTails.Sum(t => t.Tail.Length * MatrixProduct);
        foreach (var segment in program.Segments)
        {
            foreach (var op in segment.Ops)
            {
                flops += op switch
                {
                    // Each new qubit doubles the state: 4 × (multiply + multiply-add) per amplitude pair.
                    ProductLayerOp => 12L * (program.Dimension - 1),
                    SingleQubitOp single => pairs * (single.Form == MatrixForm.Complex ? 28 : 12),
                    _ => 0,
                };
            }
            foreach (var measured in segment.Measured)
            {
                // Reduced density matrix: 4 entries × 2 multiply-adds per pair; then the Bloch vector and its tail.
                flops += pairs * 16 + 3;
                if (measured.TailPerLane) flops += 2 * MatrixProduct;
                else if (!measured.Tail.IsEmpty) flops += 15;
            }
        }
        return flops;
    }
}

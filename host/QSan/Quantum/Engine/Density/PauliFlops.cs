using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Density;

/// <summary>
/// Floating-point operations of one circuit's forward evaluation on the Pauli-basis engine, counted from what
/// <see cref="PauliRunner{T}"/> and <see cref="PauliKernels"/> execute per lane (a multiply-add is 2, as in the FMA peak); work
/// on the shared weights, done once per chunk of a call, is left out (over a batch it is negligible per circuit).
/// </summary>
internal static class PauliFlops
{
    /// <summary>The fast vector sine/cosine (Lanes512/Lanes256): Cody–Waite reduction and two degree-6 polynomials.</summary>
    public const long SinCos = 38;

    public static long Forward(PauliProgram program)
    {
        var n = program.Qubits;
        // Angles and matrices on weights alone are computed once per chunk of a call, not per circuit.
        long flops = program.LaneAngles.Length * (2 + SinCos);
        // A lane matrix with a shared end turns two of its columns per input rotation (4 rows of two outputs, 3 flops each).
        flops += program.LaneMatrixOps.Sum(m => m.SharedSlot < 0 ? Factors(m.Factors) : m.Split * 24L);
        foreach (var op in program.PrefixOps) flops += Op(op, n, program.Length);
        foreach (var branch in program.Branches)
        {
            foreach (var op in branch.Ops) flops += Op(op, n, program.Length);
            if (branch.Readout is not null) flops += 4L * branch.Tails.Length;
            foreach (var reading in branch.Observables.Where(r => r.Tail >= 0))
                flops += reading.Weights.Select((w, a) => w == 0 ? 0 : a == 0 ? 2 : 10).Sum();
        }
        return flops;
    }

    private static long Op(PauliOp op, int qubits, int length) => op switch
    {
        // Each qubit's vector (its factors on one column), then the tensor product.
        ProductOp p => p.Factors.Sum(f => Factors(f, columns: 1)) + Products(qubits),
        FusedOp f => Fused(f, length),
        RunOp => length,
        _ => 0,
    };

    /// <summary>The tensor product of n qubits' vectors: 4^(q+1) multiplies for every qubit after the first.</summary>
    public static long Products(int qubits) => Enumerable.Range(1, Math.Max(0, qubits - 1)).Sum(q => 4L << (2 * q));

    /// <summary>A fused map's pass: per group of 4 coefficients 3 rows of 3 (unital) or 4 terms.</summary>
    public static long Fused(FusedOp f, int length) => length / 4 * (f.Unital ? 15L : 21L);

    // One factor applied to the columns of a per-lane 4×4: a rotation mixes two rows (3 per entry), a diagonal scales, a
    // general one is a product (multiply and 3 multiply-adds per entry).
    private static long Factors(IEnumerable<TransferFactor> factors, int columns = 4) =>
        factors.Sum(f => columns * (f.IsRotation ? 6L : f.Diagonal ? 4L : 28L));
}

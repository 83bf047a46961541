namespace QSan.Autograd;

/// <summary>Matrix products.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product a·b for a: [M × K] or a batch [B × M × K], and b: [K × N]; the result is [M × N] or [B × M × N].
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank is not (2 or 3) || b.Rank != 2 || a.Shape[^1] != b.Shape[0])
            throw new ArgumentException($"MatMul needs [M, K] or [B, M, K] times [K, N]; got {ShapeUtil.Format(a.Shape)} times {ShapeUtil.Format(b.Shape)}.");
        var k = b.Shape[0];
        var n = b.Shape[1];
        // A batch of matrices times one matrix is one taller matrix times that matrix.
        var rows = k == 0 ? ShapeUtil.Product(a.Shape, 0, a.Rank - 1) : a.Count / k;
        var shape = (int[])a.Shape.Clone();
        shape[^1] = n;
        var data = new double[rows * n];
        Gemm.Multiply(a.Data, k, 1, b.Data, data, rows, k, n, accumulate: false);

        return Record(data, shape, [a, b], (double[] g) =>
        {
            // dA += dC · Bᵀ
            if (a.RequiresGrad) Gemm.MultiplyTransposed(g, b.Data, a.AccumulateGrad(), rows, n, k, accumulate: true);
            // dB += Aᵀ · dC, Aᵀ read through A's strides
            if (b.RequiresGrad) Gemm.Multiply(a.Data, 1, k, g, b.AccumulateGrad(), k, rows, n, accumulate: true);
        });
    }
}

using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>Matrix products.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product a·b for a: [M × K] or a batch [B × M × K], and b: [K × N]; the result is [M × N] or [B × M × N].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        MultiplyRows(a.Data, b.Data, data, rows, k, n);

        return Record(data, shape, [a, b], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (double[] g) =>
        {
            if (a.RequiresGrad)
            {
                // dA[r, i] += dC[r, :] · B[i, :]
                var ga = a.AccumulateGrad();
                for (var r = 0; r < rows; r++)
                {
                    ReadOnlySpan<double> gr = g.AsSpan(r * n, n);
                    for (var i = 0; i < k; i++) ga[r * k + i] += Kernels.Dot(gr, b.Data.AsSpan(i * n, n));
                }
            }
            if (b.RequiresGrad)
            {
                // dB[i, :] += Σ_r A[r, i] dC[r, :]
                var gb = b.AccumulateGrad();
                for (var r = 0; r < rows; r++)
                {
                    ReadOnlySpan<double> gr = g.AsSpan(r * n, n);
                    for (var i = 0; i < k; i++)
                    {
                        var dst = gb.AsSpan(i * n, n);
                        Kernels.Axpy(a.Data[r * k + i], gr, dst);
                    }
                }
            }
        });
    }

    /// <summary>C[rows × n] = A[rows × k] · B[k × n], row by row so the inner loop is a vectorised axpy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRows(double[] a, double[] b, double[] c, int rows, int k, int n)
    {
        for (var r = 0; r < rows; r++)
        {
            var dst = c.AsSpan(r * n, n);
            for (var i = 0; i < k; i++)
            {
                Kernels.Axpy(a[r * k + i], b.AsSpan(i * n, n), dst);
            }
        }
    }
}

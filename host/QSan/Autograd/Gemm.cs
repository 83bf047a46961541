using System.Numerics;
using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>
/// Dense matrix products for the layers' forward and backward passes: C[M×N] += L[M×K]·R[K×N], with R row-major and
/// L read through strides, so that L can be a matrix or the transpose of one without copying it.
/// </summary>
/// <remarks>
/// The work is cut into panels of two vectors' worth of C's columns; a panel is computed four rows at a time with the
/// eight partial sums held in registers (one vector load of R feeds four multiply-adds), over blocks of K short enough
/// for R's panel to stay in the first-level cache. Panels are spread over the cores. Every element of C is summed in
/// the same order whatever the number of threads, so training stays bit for bit reproducible across machines with
/// different core counts (not across SIMD widths: the vector width sets which columns the scalar tail handles).
/// </remarks>
internal static class Gemm
{
    private const MethodImplOptions Hot = MethodImplOptions.AggressiveOptimization;
    private const int RowTile = 4;
    private const int DepthBlock = 256;

    // Below this many multiply-adds, handing panels to other threads costs more than it saves.
    private const long ParallelWork = 1L << 16;

    /// <summary>
    /// C[rows×columns] = (C if <paramref name="accumulate"/>, else 0) + L·R, where L's element (i, p) is
    /// <c>left[i·leftRowStride + p·leftDepthStride]</c> and R is row-major [depth × columns].
    /// </summary>
    public static void Multiply(double[] left, int leftRowStride, int leftDepthStride, double[] right, double[] result,
        int rows, int depth, int columns, bool accumulate)
    {
        if (!accumulate) result.AsSpan(0, rows * columns).Clear();
        if (rows == 0 || depth == 0 || columns == 0) return;
        var job = new Job(left, leftRowStride, leftDepthStride, right, result, rows, depth, columns);
        SpreadColumns(rows, depth, columns, 2 * Vector<double>.Count, job.Columns);
    }

    /// <summary>
    /// C[rows×columns] = (C if <paramref name="accumulate"/>, else 0) + L·Rᵀ for row-major L [rows × depth] and
    /// R [columns × depth]: every element is a dot product of two contiguous rows (y = x·Wᵀ of a layer, without
    /// transposing W — a transpose with the power-of-two strides of layer widths costs as much as the product).
    /// </summary>
    public static void MultiplyTransposed(double[] left, double[] right, double[] result, int rows, int depth, int columns, bool accumulate)
    {
        if (!accumulate) result.AsSpan(0, rows * columns).Clear();
        if (rows == 0 || depth == 0 || columns == 0) return;
        var job = new DotJob(left, right, result, rows, depth, columns);
        SpreadColumns(rows, depth, columns, RowTile, job.Columns);
    }

    /// <summary>Hands C's columns to the cores in whole units of <paramref name="unit"/> columns (one range each).</summary>
    private static void SpreadColumns(int rows, int depth, int columns, int unit, Action<int, int> computeColumns)
    {
        var units = (columns + unit - 1) / unit;
        var threads = (long)rows * depth * columns < ParallelWork ? 1 : Math.Min(Environment.ProcessorCount, units);
        if (threads == 1)
        {
            computeColumns(0, columns);
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            computeColumns(units * t / threads * unit, Math.Min(columns, units * (t + 1) / threads * unit)));
    }

    private sealed record DotJob(double[] Left, double[] Right, double[] Result, int Rows, int Depth, int Width)
    {
        /// <summary>Computes C's columns [first, end) over all rows, four rows by four columns at a time.</summary>
        [MethodImpl(Hot)]
        public void Columns(int first, int end)
        {
            var j = first;
            for (; j + RowTile <= end; j += RowTile)
            {
                var i = 0;
                for (; i + RowTile <= Rows; i += RowTile) FourByFour(i, j);
                for (; i < Rows; i++)
                {
                    for (var jj = j; jj < j + RowTile; jj++) One(i, jj);
                }
            }
            for (; j < end; j++)
            {
                for (var i = 0; i < Rows; i++) One(i, j);
            }
        }

        [MethodImpl(Hot)]
        private void One(int i, int j) =>
            Result[i * Width + j] += Kernels.Dot(Left.AsSpan(i * Depth, Depth), Right.AsSpan(j * Depth, Depth));

        [MethodImpl(Hot)]
        private void FourByFour(int i, int j)
        {
            var w = Vector<double>.Count;
            var k = Depth;
            ref var l0 = ref Left[i * k];
            ref var l1 = ref Unsafe.Add(ref l0, k);
            ref var l2 = ref Unsafe.Add(ref l0, 2 * k);
            ref var l3 = ref Unsafe.Add(ref l0, 3 * k);
            ref var r0 = ref Right[j * k];
            ref var r1 = ref Unsafe.Add(ref r0, k);
            ref var r2 = ref Unsafe.Add(ref r0, 2 * k);
            ref var r3 = ref Unsafe.Add(ref r0, 3 * k);
            Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
            Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
            Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
            Vector<double> s30 = default, s31 = default, s32 = default, s33 = default;
            var p = 0;
            for (; p + w <= k; p += w)
            {
                var b0 = Vector.LoadUnsafe(ref r0, (nuint)p);
                var b1 = Vector.LoadUnsafe(ref r1, (nuint)p);
                var b2 = Vector.LoadUnsafe(ref r2, (nuint)p);
                var b3 = Vector.LoadUnsafe(ref r3, (nuint)p);
                var a = Vector.LoadUnsafe(ref l0, (nuint)p);
                s00 = Vector.FusedMultiplyAdd(a, b0, s00);
                s01 = Vector.FusedMultiplyAdd(a, b1, s01);
                s02 = Vector.FusedMultiplyAdd(a, b2, s02);
                s03 = Vector.FusedMultiplyAdd(a, b3, s03);
                a = Vector.LoadUnsafe(ref l1, (nuint)p);
                s10 = Vector.FusedMultiplyAdd(a, b0, s10);
                s11 = Vector.FusedMultiplyAdd(a, b1, s11);
                s12 = Vector.FusedMultiplyAdd(a, b2, s12);
                s13 = Vector.FusedMultiplyAdd(a, b3, s13);
                a = Vector.LoadUnsafe(ref l2, (nuint)p);
                s20 = Vector.FusedMultiplyAdd(a, b0, s20);
                s21 = Vector.FusedMultiplyAdd(a, b1, s21);
                s22 = Vector.FusedMultiplyAdd(a, b2, s22);
                s23 = Vector.FusedMultiplyAdd(a, b3, s23);
                a = Vector.LoadUnsafe(ref l3, (nuint)p);
                s30 = Vector.FusedMultiplyAdd(a, b0, s30);
                s31 = Vector.FusedMultiplyAdd(a, b1, s31);
                s32 = Vector.FusedMultiplyAdd(a, b2, s32);
                s33 = Vector.FusedMultiplyAdd(a, b3, s33);
            }
            ref var c = ref Result[i * Width + j];
            Span<double> sums =
            [
                Vector.Sum(s00), Vector.Sum(s01), Vector.Sum(s02), Vector.Sum(s03),
                Vector.Sum(s10), Vector.Sum(s11), Vector.Sum(s12), Vector.Sum(s13),
                Vector.Sum(s20), Vector.Sum(s21), Vector.Sum(s22), Vector.Sum(s23),
                Vector.Sum(s30), Vector.Sum(s31), Vector.Sum(s32), Vector.Sum(s33),
            ];
            for (var a = 0; a < RowTile; a++)
            {
                for (var b = 0; b < RowTile; b++)
                {
                    var sum = sums[a * RowTile + b];
                    for (var q = p; q < k; q++) sum += Left[(i + a) * k + q] * Right[(j + b) * k + q];
                    Unsafe.Add(ref c, a * Width + b) += sum;
                }
            }
        }
    }

    private sealed record Job(double[] Left, int RowStride, int DepthStride, double[] Right, double[] Result, int Rows, int Depth, int Width)
    {
        /// <summary>Computes C's columns [first, end) over all rows.</summary>
        [MethodImpl(Hot)]
        public void Columns(int first, int end)
        {
            var w = Vector<double>.Count;
            for (var p0 = 0; p0 < Depth; p0 += DepthBlock)
            {
                var p1 = Math.Min(Depth, p0 + DepthBlock);
                var j = first;
                for (; j + 2 * w <= end; j += 2 * w)
                {
                    var i = 0;
                    for (; i + RowTile <= Rows; i += RowTile) FourRowsTwoVectors(i, j, p0, p1);
                    for (; i < Rows; i++) OneRow(i, j, j + 2 * w, p0, p1);
                }
                if (j < end)
                {
                    for (var i = 0; i < Rows; i++) OneRow(i, j, end, p0, p1);
                }
            }
        }

        [MethodImpl(Hot)]
        private void FourRowsTwoVectors(int i, int j, int p0, int p1)
        {
            var w = Vector<double>.Count;
            var n = Width;
            ref var c0 = ref Result[i * n + j];
            ref var c1 = ref Unsafe.Add(ref c0, n);
            ref var c2 = ref Unsafe.Add(ref c0, 2 * n);
            ref var c3 = ref Unsafe.Add(ref c0, 3 * n);
            var s00 = Vector.LoadUnsafe(ref c0);
            var s01 = Vector.LoadUnsafe(ref c0, (nuint)w);
            var s10 = Vector.LoadUnsafe(ref c1);
            var s11 = Vector.LoadUnsafe(ref c1, (nuint)w);
            var s20 = Vector.LoadUnsafe(ref c2);
            var s21 = Vector.LoadUnsafe(ref c2, (nuint)w);
            var s30 = Vector.LoadUnsafe(ref c3);
            var s31 = Vector.LoadUnsafe(ref c3, (nuint)w);
            var rs = RowStride;
            ref var l = ref Left[i * rs];
            ref var r = ref Right[j];
            for (var p = p0; p < p1; p++)
            {
                ref var rp = ref Unsafe.Add(ref r, (nint)p * n);
                var r0 = Vector.LoadUnsafe(ref rp);
                var r1 = Vector.LoadUnsafe(ref rp, (nuint)w);
                ref var lp = ref Unsafe.Add(ref l, (nint)p * DepthStride);
                var a = new Vector<double>(lp);
                s00 = Vector.FusedMultiplyAdd(a, r0, s00);
                s01 = Vector.FusedMultiplyAdd(a, r1, s01);
                a = new Vector<double>(Unsafe.Add(ref lp, rs));
                s10 = Vector.FusedMultiplyAdd(a, r0, s10);
                s11 = Vector.FusedMultiplyAdd(a, r1, s11);
                a = new Vector<double>(Unsafe.Add(ref lp, 2 * rs));
                s20 = Vector.FusedMultiplyAdd(a, r0, s20);
                s21 = Vector.FusedMultiplyAdd(a, r1, s21);
                a = new Vector<double>(Unsafe.Add(ref lp, 3 * rs));
                s30 = Vector.FusedMultiplyAdd(a, r0, s30);
                s31 = Vector.FusedMultiplyAdd(a, r1, s31);
            }
            s00.StoreUnsafe(ref c0);
            s01.StoreUnsafe(ref c0, (nuint)w);
            s10.StoreUnsafe(ref c1);
            s11.StoreUnsafe(ref c1, (nuint)w);
            s20.StoreUnsafe(ref c2);
            s21.StoreUnsafe(ref c2, (nuint)w);
            s30.StoreUnsafe(ref c3);
            s31.StoreUnsafe(ref c3, (nuint)w);
        }

        /// <summary>Row i, columns [j, end): the rows left over by the four-row tiles and the columns left by the panels.</summary>
        [MethodImpl(Hot)]
        private void OneRow(int i, int j, int end, int p0, int p1)
        {
            var n = Width;
            var w = Vector<double>.Count;
            ref var c = ref Result[i * n];
            ref var l = ref Left[i * RowStride];
            for (; j + w <= end; j += w)
            {
                var s = Vector.LoadUnsafe(ref c, (nuint)j);
                for (var p = p0; p < p1; p++)
                    s = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref l, (nint)p * DepthStride)), Vector.LoadUnsafe(ref Right[(nint)p * n], (nuint)j), s);
                s.StoreUnsafe(ref c, (nuint)j);
            }
            for (; j < end; j++)
            {
                var s = Unsafe.Add(ref c, j);
                for (var p = p0; p < p1; p++) s = Math.FusedMultiplyAdd(Unsafe.Add(ref l, (nint)p * DepthStride), Right[p * n + j], s);
                Unsafe.Add(ref c, j) = s;
            }
        }
    }
}

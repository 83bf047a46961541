using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSan.Parallelism;

namespace QSan.Autograd;

/// <summary>
/// The loops of <see cref="Functional.GaussianAttention(Tensor, Tensor, Tensor, int[])"/>. Compiled fully optimised on first call
/// (a training run is short enough that tier-0 code would be a visible share of it).
/// </summary>
internal static class AttentionKernel
{
    // Token pairs (summed over sentences) from which two threads pay: a 16-sentence minibatch of Yelp has about 2,500.
    private const int SplitPairs = 1024;

    /// <summary>
    /// Computes the attention output [tokens × d] and the normalised weights ã of every sentence, stored
    /// block by block (sentence b's n×n block starts at weightStart[b]) for the backward pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double[] Output, double[] Weights, int[] WeightStart) Forward(double[] q, double[] k, double[] v, int[] offsets, int d)
    {
        var segments = offsets.Length - 1;
        var weightStart = AttentionSegments.BlockStarts(offsets);
        // Every entry is written below, so skip the zeroing.
        var weights = GC.AllocateUninitializedArray<double>(weightStart[segments]);
        var output = GC.AllocateUninitializedArray<double>(offsets[segments] * d);
        Forward(q, k, v, offsets, d, weightStart, weights, output);
        return (output, weights, weightStart);
    }

    /// <summary>
    /// <see cref="Forward(double[], double[], double[], int[], int)"/> into the caller's buffers (a training loop that
    /// keeps them between minibatches): <paramref name="weightStart"/> from <see cref="AttentionSegments.BlockStarts"/>,
    /// <paramref name="weights"/> with room for its last entry's count of values, <paramref name="output"/> for tokens × d.
    /// </summary>
    public static void Forward(double[] q, double[] k, double[] v, int[] offsets, int d, int[] weightStart, double[] weights, double[] output) =>
        InSentenceHalves(weightStart, (first, end) => Forward(q, k, v, offsets, d, weights, weightStart, output, first, end));

    /// <summary>
    /// Splits packed rows [q, k, v₀ … v_{d−1}] (<paramref name="width"/> = 2 + d values each, as QSANN's circuits give
    /// them) into per-token queries, keys and values: token t reads row <paramref name="rows"/>[t], or row t when null.
    /// </summary>
    public static void Unpack(double[] packed, int count, int width, int[]? rows, int tokens, double[] q, double[] k, double[] v)
    {
        var d = width - 2;
        for (var t = 0; t < tokens; t++)
        {
            var row = rows is null ? t : rows[t];
            if ((uint)row >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(rows), $"GaussianAttention: token {t} reads row {row}, outside 0..{count - 1}.");
            q[t] = packed[row * width];
            k[t] = packed[row * width + 1];
            packed.AsSpan(row * width + 2, d).CopyTo(v.AsSpan(t * d, d));
        }
    }

    /// <summary>
    /// <see cref="Unpack"/>'s backward: adds the per-token gradients into the packed rows' gradient in token order (the
    /// sums a gather and three column slices would form, in the same order).
    /// </summary>
    public static void AddPacked(double[] gq, double[] gk, double[] gv, int width, int[]? rows, int tokens, double[] packedGradient)
    {
        var d = width - 2;
        for (var t = 0; t < tokens; t++)
        {
            var start = (rows is null ? t : rows[t]) * width;
            packedGradient[start] += gq[t];
            packedGradient[start + 1] += gk[t];
            var dst = packedGradient.AsSpan(start + 2, d);
            Kernels.Add(dst, gv.AsSpan(t * d, d), dst);
        }
    }

    /// <summary>
    /// Runs <paramref name="range"/>(first, end) over the sentences: for a large batch as two halves of about equal token
    /// pairs on two threads (<see cref="ChunkTeam"/>). Sentences are independent and each half writes only its own, so
    /// the numbers are the same either way.
    /// </summary>
    private static void InSentenceHalves(int[] weightStart, Action<int, int> range)
    {
        var segments = weightStart.Length - 1;
        var pairs = weightStart[segments];
        if (segments < 2 || pairs < SplitPairs || !ChunkTeam.HasHelper)
        {
            range(0, segments);
            return;
        }
        var middle = 1;
        while (middle < segments - 1 && 2L * weightStart[middle] < pairs) middle++;
        ChunkTeam.RunHalves(middle, segments, range);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward(double[] q, double[] k, double[] v, int[] offsets, int d, double[] weights, int[] weightStart, double[] output,
        int firstSegment, int endSegment)
    {
        for (var b = firstSegment; b < endSegment; b++)
        {
            var s0 = offsets[b];
            var n = offsets[b + 1] - s0;
            // Shifted logits of the whole n×n block first, so one exp call covers it.
            var keys = k.AsSpan(s0, n);
            for (var s = 0; s < n; s++) ShiftedLogits(q[s0 + s], keys, weights.AsSpan(weightStart[b] + s * n, n));
            var block = weights.AsSpan(weightStart[b], n * n);
            Kernels.Exp(block, block);
            for (var s = 0; s < n; s++)
            {
                var row = block.Slice(s * n, n);
                Kernels.Multiply(row, 1.0 / Kernels.Sum(row), row);
                Mix(row, v.AsSpan(s0 * d, n * d), d, output.AsSpan((s0 + s) * d, d));
            }
        }
    }

    /// <summary>Adds the vector-Jacobian product for output gradient <paramref name="g"/> into the non-null gradient buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(double[] g, double[] q, double[] k, double[] v, int[] offsets, int d, double[] weights, int[] weightStart,
        double[]? gq, double[]? gk, double[]? gv)
    {
        InSentenceHalves(weightStart, (first, end) => Backward(g, q, k, v, offsets, d, weights, weightStart, gq, gk, gv, first, end));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Backward(double[] g, double[] q, double[] k, double[] v, int[] offsets, int d, double[] weights, int[] weightStart,
        double[]? gq, double[]? gk, double[]? gv, int firstSegment, int endSegment)
    {
        var maxLength = 0;
        for (var b = firstSegment; b < endSegment; b++) maxLength = Math.Max(maxLength, offsets[b + 1] - offsets[b]);
        var dWeights = new double[maxLength];
        for (var b = firstSegment; b < endSegment; b++)
        {
            var s0 = offsets[b];
            var n = offsets[b + 1] - s0;
            var block = weights.AsSpan(weightStart[b], n * n);
            var values = v.AsSpan(s0 * d, n * d);
            var gBlock = g.AsSpan(s0 * d, n * d);
            // v_j collects Σ_s ã_{s,j} g_s.
            if (gv is not null) MixTransposed(block, gBlock, n, d, gv.AsSpan(s0 * d, n * d));
            if (gq is null && gk is null) continue;
            for (var s = 0; s < n; s++)
            {
                ReadOnlySpan<double> row = block.Slice(s * n, n);
                // dã_{s,j} = g_s · v_j.
                Dots(gBlock.Slice(s * d, d), values, d, dWeights.AsSpan(0, n));
                // Softmax backward: dlogit_j = ã_j (dã_j − Σ_m ã_m dã_m); logit_j = −(q_s − k_j)².
                var centre = Kernels.Dot(row, dWeights.AsSpan(0, n));
                var qs = q[s0 + s];
                var dq = 0.0;
                for (var j = 0; j < n; j++)
                {
                    var twoDLogitDiff = 2.0 * row[j] * (dWeights[j] - centre) * (qs - k[s0 + j]);
                    dq -= twoDLogitDiff;
                    if (gk is not null) gk[s0 + j] += twoDLogitDiff;
                }
                if (gq is not null) gq[s0 + s] += dq;
            }
        }
    }

    /// <summary>
    /// row_j = −(q − k_j)² − max_m(−(q − k_m)²): subtracting the largest logit keeps the softmax finite for far-apart
    /// (classical) q and k. Element-wise, so vectors give the scalar loop's values exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftedLogits(double q, ReadOnlySpan<double> keys, Span<double> row)
    {
        var n = keys.Length;
        ref var kr = ref MemoryMarshal.GetReference(keys);
        ref var o = ref MemoryMarshal.GetReference(row);
        var max = double.NegativeInfinity;
        var j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var qv = new Vector<double>(q);
            var maxv = new Vector<double>(double.NegativeInfinity);
            for (; j <= n - width; j += width)
            {
                var diff = qv - Vector.LoadUnsafe(ref kr, (nuint)j);
                var logit = -diff * diff;
                logit.StoreUnsafe(ref o, (nuint)j);
                maxv = Vector.Max(maxv, logit);
            }
            for (var i = 0; i < width; i++) max = Math.Max(max, maxv[i]);
        }
        for (; j < n; j++)
        {
            var diff = q - Unsafe.Add(ref kr, j);
            var logit = -diff * diff;
            Unsafe.Add(ref o, j) = logit;
            if (logit > max) max = logit;
        }
        Kernels.Subtract(row, max, row);
    }

    // The three loops below run once per token pair with d of about 10: each keeps a row of d values in registers across
    // the pairs instead of a call per pair, and adds in the order a call per pair would, so results are unchanged.

    /// <summary>dst = Σ_j w_j · rows_j for the n = w.Length rows of width d in <paramref name="rows"/> (dst fully written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ReadOnlySpan<double> w, ReadOnlySpan<double> rows, int d, Span<double> dst)
    {
        ref var r = ref MemoryMarshal.GetReference(rows);
        ref var o = ref MemoryMarshal.GetReference(dst);
        var n = w.Length;
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            // Three vectors of the row at once: three independent sums in flight per weight.
            for (; c <= d - 3 * width; c += 3 * width)
            {
                Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero, a2 = Vector<double>.Zero;
                for (var j = 0; j < n; j++)
                {
                    var wj = new Vector<double>(w[j]);
                    ref var row = ref Unsafe.Add(ref r, j * d + c);
                    a0 += wj * Vector.LoadUnsafe(ref row);
                    a1 += wj * Vector.LoadUnsafe(ref row, (nuint)width);
                    a2 += wj * Vector.LoadUnsafe(ref row, (nuint)(2 * width));
                }
                a0.StoreUnsafe(ref o, (nuint)c);
                a1.StoreUnsafe(ref o, (nuint)(c + width));
                a2.StoreUnsafe(ref o, (nuint)(c + 2 * width));
            }
            for (; c <= d - width; c += width)
            {
                var acc = Vector<double>.Zero;
                for (var j = 0; j < n; j++) acc += new Vector<double>(w[j]) * Vector.LoadUnsafe(ref r, (nuint)(j * d + c));
                acc.StoreUnsafe(ref o, (nuint)c);
            }
        }
        for (; c < d; c++)
        {
            var acc = 0.0;
            for (var j = 0; j < n; j++) acc += w[j] * Unsafe.Add(ref r, j * d + c);
            Unsafe.Add(ref o, c) = acc;
        }
    }

    /// <summary>dst_j += Σ_s w[s, j] · g_s for an n×n block <paramref name="w"/> and n rows of width d in <paramref name="g"/> and <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MixTransposed(ReadOnlySpan<double> w, ReadOnlySpan<double> g, int n, int d, Span<double> dst)
    {
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var o = ref MemoryMarshal.GetReference(dst);
        for (var j = 0; j < n; j++)
        {
            var c = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<double>.Count;
                for (; c <= d - 3 * width; c += 3 * width)
                {
                    ref var row = ref Unsafe.Add(ref o, j * d + c);
                    var a0 = Vector.LoadUnsafe(ref row);
                    var a1 = Vector.LoadUnsafe(ref row, (nuint)width);
                    var a2 = Vector.LoadUnsafe(ref row, (nuint)(2 * width));
                    for (var s = 0; s < n; s++)
                    {
                        var wsj = new Vector<double>(w[s * n + j]);
                        ref var gs = ref Unsafe.Add(ref gr, s * d + c);
                        a0 += wsj * Vector.LoadUnsafe(ref gs);
                        a1 += wsj * Vector.LoadUnsafe(ref gs, (nuint)width);
                        a2 += wsj * Vector.LoadUnsafe(ref gs, (nuint)(2 * width));
                    }
                    a0.StoreUnsafe(ref row);
                    a1.StoreUnsafe(ref row, (nuint)width);
                    a2.StoreUnsafe(ref row, (nuint)(2 * width));
                }
                for (; c <= d - width; c += width)
                {
                    var acc = Vector.LoadUnsafe(ref o, (nuint)(j * d + c));
                    for (var s = 0; s < n; s++) acc += new Vector<double>(w[s * n + j]) * Vector.LoadUnsafe(ref gr, (nuint)(s * d + c));
                    acc.StoreUnsafe(ref o, (nuint)(j * d + c));
                }
            }
            for (; c < d; c++)
            {
                ref var acc = ref Unsafe.Add(ref o, j * d + c);
                for (var s = 0; s < n; s++) acc += w[s * n + j] * Unsafe.Add(ref gr, s * d + c);
            }
        }
    }

    /// <summary>dst_j = x · rows_j for the rows of width d in <paramref name="rows"/>, summed as <see cref="Kernels.Dot"/> sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dots(ReadOnlySpan<double> x, ReadOnlySpan<double> rows, int d, Span<double> dst)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var r = ref MemoryMarshal.GetReference(rows);
        var vectors = Vector.IsHardwareAccelerated && d >= Vector<double>.Count ? d / Vector<double>.Count : 0;
        for (var j = 0; j < dst.Length; j++)
        {
            var c = 0;
            var sum = 0.0;
            if (vectors > 0)
            {
                var acc = Vector<double>.Zero;
                for (; c < vectors * Vector<double>.Count; c += Vector<double>.Count)
                    acc += Vector.LoadUnsafe(ref xr, (nuint)c) * Vector.LoadUnsafe(ref r, (nuint)(j * d + c));
                sum = Vector.Sum(acc);
            }
            for (; c < d; c++) sum += Unsafe.Add(ref xr, c) * Unsafe.Add(ref r, j * d + c);
            dst[j] = sum;
        }
    }
}

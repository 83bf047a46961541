using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>
/// The loops of <see cref="Functional.GaussianAttention"/>. Compiled fully optimised on first call
/// (a training run is short enough that tier-0 code would be a visible share of it).
/// </summary>
internal static class AttentionKernel
{
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
        var output = new double[offsets[segments] * d];
        for (var b = 0; b < segments; b++)
        {
            var s0 = offsets[b];
            var n = offsets[b + 1] - s0;
            // Shifted logits of the whole n×n block first, so one exp call covers it.
            for (var s = 0; s < n; s++)
            {
                var row = weights.AsSpan(weightStart[b] + s * n, n);
                var qs = q[s0 + s];
                var max = double.NegativeInfinity;
                for (var j = 0; j < n; j++)
                {
                    var diff = qs - k[s0 + j];
                    var logit = -diff * diff;
                    row[j] = logit;
                    if (logit > max) max = logit;
                }
                // Subtracting the largest logit keeps the softmax finite for far-apart (classical) q and k.
                for (var j = 0; j < n; j++) row[j] -= max;
            }
            var block = weights.AsSpan(weightStart[b], n * n);
            Kernels.Exp(block, block);
            for (var s = 0; s < n; s++)
            {
                var row = block.Slice(s * n, n);
                var inverse = 1.0 / Kernels.Sum(row);
                var dst = output.AsSpan((s0 + s) * d, d);
                for (var j = 0; j < n; j++)
                {
                    row[j] *= inverse;
                    Kernels.Axpy(row[j], v.AsSpan((s0 + j) * d, d), dst);
                }
            }
        }
        return (output, weights, weightStart);
    }

    /// <summary>Adds the vector-Jacobian product for output gradient <paramref name="g"/> into the non-null gradient buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(double[] g, double[] q, double[] k, double[] v, int[] offsets, int d, double[] weights, int[] weightStart,
        double[]? gq, double[]? gk, double[]? gv)
    {
        var segments = offsets.Length - 1;
        var maxLength = 0;
        for (var b = 0; b < segments; b++) maxLength = Math.Max(maxLength, offsets[b + 1] - offsets[b]);
        var dWeights = new double[maxLength];
        for (var b = 0; b < segments; b++)
        {
            var s0 = offsets[b];
            var n = offsets[b + 1] - s0;
            for (var s = 0; s < n; s++)
            {
                ReadOnlySpan<double> row = weights.AsSpan(weightStart[b] + s * n, n);
                ReadOnlySpan<double> gs = g.AsSpan((s0 + s) * d, d);
                // dã_{s,j} = g_s · v_j, and v_j collects ã_{s,j} g_s.
                for (var j = 0; j < n; j++)
                {
                    dWeights[j] = Kernels.Dot(gs, v.AsSpan((s0 + j) * d, d));
                    if (gv is not null) Kernels.Axpy(row[j], gs, gv.AsSpan((s0 + j) * d, d));
                }
                if (gq is null && gk is null) continue;
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
}

using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// Gaussian projected self-attention on vector queries and keys (CSANN): within each sentence,
/// ã_{s,j} = exp(−‖q_s − k_j‖²) / Σ_m exp(−‖q_s − k_m‖²) and out_s = Σ_j ã_{s,j} v_j. With one-value queries and keys
/// this is QSANN's kernel (<see cref="Functional.GaussianAttention"/>). One graph node with a hand-written backward.
/// </summary>
public static class VectorGaussianAttention
{
    /// <summary>q, k: [tokens × w]; v: [tokens × d]; offsets as in <see cref="Functional"/>. Returns [tokens × d].</summary>
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, int[] offsets)
    {
        AttentionSegments.Check(q, k, v, offsets, "Vector attention needs queries and keys [tokens, w] and values [tokens, d]");
        var tokens = v.Shape[0];
        var w = q.Shape[1];
        var d = v.Shape[1];
        var ragged = (int[])offsets.Clone();
        var segments = ragged.Length - 1;
        var blockStart = AttentionSegments.BlockStarts(ragged);
        var weights = new double[blockStart[segments]];
        var output = new double[tokens * d];
        var qd = q.Data;
        var kd = k.Data;
        var vd = v.Data;
        for (var b = 0; b < segments; b++)
        {
            var s0 = ragged[b];
            var n = ragged[b + 1] - s0;
            for (var s = 0; s < n; s++)
            {
                var row = weights.AsSpan(blockStart[b] + s * n, n);
                var max = double.NegativeInfinity;
                for (var j = 0; j < n; j++)
                {
                    row[j] = -SquaredDistance(qd.AsSpan((s0 + s) * w, w), kd.AsSpan((s0 + j) * w, w));
                    max = Math.Max(max, row[j]);
                }
                var sum = 0.0;
                for (var j = 0; j < n; j++) sum += row[j] = Math.Exp(row[j] - max);
                var dst = output.AsSpan((s0 + s) * d, d);
                for (var j = 0; j < n; j++)
                {
                    row[j] /= sum;
                    var vj = vd.AsSpan((s0 + j) * d, d);
                    for (var c = 0; c < d; c++) dst[c] += row[j] * vj[c];
                }
            }
        }

        return Tensor.Custom([q, k, v], output, [tokens, d], (g, gradients) =>
        {
            var gq = gradients[0];
            var gk = gradients[1];
            var gv = gradients[2];
            var maxLength = 0;
            for (var b = 0; b < segments; b++) maxLength = Math.Max(maxLength, ragged[b + 1] - ragged[b]);
            var dWeights = new double[maxLength];
            for (var b = 0; b < segments; b++)
            {
                var s0 = ragged[b];
                var n = ragged[b + 1] - s0;
                for (var s = 0; s < n; s++)
                {
                    var row = weights.AsSpan(blockStart[b] + s * n, n);
                    var gs = g.Slice((s0 + s) * d, d);
                    var centre = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        var vj = vd.AsSpan((s0 + j) * d, d);
                        var dot = 0.0;
                        for (var c = 0; c < d; c++) dot += gs[c] * vj[c];
                        dWeights[j] = dot;
                        centre += row[j] * dot;
                        if (gv is not null)
                            for (var c = 0; c < d; c++) gv[(s0 + j) * d + c] += row[j] * gs[c];
                    }
                    if (gq is null && gk is null) continue;
                    // logit_j = −‖q_s − k_j‖²: ∂/∂q_s = −2(q_s − k_j), ∂/∂k_j = 2(q_s − k_j).
                    for (var j = 0; j < n; j++)
                    {
                        var dLogit = row[j] * (dWeights[j] - centre);
                        for (var c = 0; c < w; c++)
                        {
                            var diff = qd[(s0 + s) * w + c] - kd[(s0 + j) * w + c];
                            if (gq is not null) gq[(s0 + s) * w + c] -= 2.0 * dLogit * diff;
                            if (gk is not null) gk[(s0 + j) * w + c] += 2.0 * dLogit * diff;
                        }
                    }
                }
            }
        });
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }
}

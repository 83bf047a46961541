namespace QSan.Autograd;

/// <summary>The score of a query against a key, and its derivative.</summary>
internal interface IAttentionScore
{
    /// <summary>The logit of key j for query s.</summary>
    double Score(ReadOnlySpan<double> query, ReadOnlySpan<double> key);

    /// <summary>Adds dScore·∂score/∂query into <paramref name="queryGradient"/> and dScore·∂score/∂key into <paramref name="keyGradient"/> (either may be empty).</summary>
    void AddGradients(double dScore, ReadOnlySpan<double> query, ReadOnlySpan<double> key, Span<double> queryGradient, Span<double> keyGradient);
}

/// <summary>
/// Self-attention whose weights are a softmax of query–key scores within each segment (a sentence, an image's tokens):
/// a_{s,j} = softmax_j(score(q_s, k_j)) and out_s = Σ_j a_{s,j} v_j, as one graph node with a hand-written backward.
/// Attention never crosses segments. The score is all that tells softmax attention (a scaled dot product) from
/// Gaussian projected attention (−‖q − k‖²).
/// </summary>
internal static class SegmentAttention
{
    /// <summary>q, k: [tokens × w]; v: [tokens × d]; offsets as in <see cref="Functional"/>. Returns [tokens × d].</summary>
    public static Tensor Apply<TScore>(TScore score, Tensor q, Tensor k, Tensor v, int[] offsets, string shapeMessage)
        where TScore : struct, IAttentionScore
    {
        AttentionSegments.Check(q, k, v, offsets, shapeMessage);
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
                var qs = qd.AsSpan((s0 + s) * w, w);
                for (var j = 0; j < n; j++)
                {
                    row[j] = score.Score(qs, kd.AsSpan((s0 + j) * w, w));
                    max = Math.Max(max, row[j]);
                }
                // Subtracting the largest score keeps the exponentials finite.
                var sum = 0.0;
                for (var j = 0; j < n; j++) sum += row[j] = Math.Exp(row[j] - max);
                var dst = output.AsSpan((s0 + s) * d, d);
                for (var j = 0; j < n; j++)
                {
                    row[j] /= sum;
                    Kernels.Axpy(row[j], vd.AsSpan((s0 + j) * d, d), dst);
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
                        var dot = Kernels.Dot(gs, vd.AsSpan((s0 + j) * d, d));
                        dWeights[j] = dot;
                        centre += row[j] * dot;
                        if (gv is not null) Kernels.Axpy(row[j], gs, gv.AsSpan((s0 + j) * d, d));
                    }
                    if (gq is null && gk is null) continue;
                    // Through the softmax: ∂L/∂score_j = a_j (∂L/∂a_j − Σ_m a_m ∂L/∂a_m).
                    var qs = qd.AsSpan((s0 + s) * w, w);
                    var gqs = gq is null ? Span<double>.Empty : gq.AsSpan((s0 + s) * w, w);
                    for (var j = 0; j < n; j++)
                    {
                        var gkj = gk is null ? Span<double>.Empty : gk.AsSpan((s0 + j) * w, w);
                        score.AddGradients(row[j] * (dWeights[j] - centre), qs, kd.AsSpan((s0 + j) * w, w), gqs, gkj);
                    }
                }
            }
        });
    }
}

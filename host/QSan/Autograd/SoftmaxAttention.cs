namespace QSan.Autograd;

/// <summary>
/// Scaled dot-product (softmax) self-attention as one graph node, as Vaswani et al. define it and the CERN openlab
/// talk "Quantum Self-Attention" walks through: within each segment (a sentence, an image's tokens),
/// a_{s,j} = softmax_j(q_s · k_j / √d_key) and out_s = Σ_j a_{s,j} v_j. Attention never crosses segments.
/// </summary>
public static class SoftmaxAttention
{
    /// <summary>q, k: [tokens × d_key]; v: [tokens × d_value]; offsets as in <see cref="Functional"/>. Returns [tokens × d_value].</summary>
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, int[] offsets)
    {
        AttentionSegments.Check(q, k, v, offsets, "Softmax attention needs queries and keys [tokens, d_key] and values [tokens, d_value]");
        var tokens = v.Shape[0];
        var w = q.Shape[1];
        var d = v.Shape[1];
        var ragged = (int[])offsets.Clone();
        var segments = ragged.Length - 1;
        var blockStart = AttentionSegments.BlockStarts(ragged);
        var scale = 1.0 / Math.Sqrt(w);
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
                    row[j] = scale * Kernels.Dot(qs, kd.AsSpan((s0 + j) * w, w));
                    max = Math.Max(max, row[j]);
                }
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
                    // logit_j = q_s·k_j/√d: ∂/∂q_s = k_j/√d, ∂/∂k_j = q_s/√d.
                    for (var j = 0; j < n; j++)
                    {
                        var dLogit = scale * row[j] * (dWeights[j] - centre);
                        if (gq is not null) Kernels.Axpy(dLogit, kd.AsSpan((s0 + j) * w, w), gq.AsSpan((s0 + s) * w, w));
                        if (gk is not null) Kernels.Axpy(dLogit, qd.AsSpan((s0 + s) * w, w), gk.AsSpan((s0 + j) * w, w));
                    }
                }
            }
        });
    }
}

/// <summary>
/// Multi-head softmax self-attention (the talk's classical model): per head h, Q = X W_Qʰ, K = X W_Kʰ, V = X W_Vʰ
/// (no biases, d_key columns each), head_h = softmax(Q Kᵀ / √d_key) V within each segment, and the output
/// concat(head_1 … head_H) W_O back to the model width.
/// </summary>
public sealed class MultiHeadSoftmaxAttention : Module
{
    private readonly Linear[] queries;
    private readonly Linear[] keys;
    private readonly Linear[] values;

    /// <summary>Creates the layer; the maps start as PyTorch's <c>nn.Linear</c> does, or from N(0, initStd²) when given.</summary>
    /// <param name="modelWidth">Width of the token vectors (in and out).</param>
    /// <param name="heads">H.</param>
    /// <param name="keyWidth">d_key (also the value width of each head).</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="initStd">Standard deviation of a normal initialisation of W_Q, W_K, W_V, or null.</param>
    /// <param name="outputMap">Whether to learn W_O; without it (H = 1 and d_key = width only) the head's output is the layer's.</param>
    public MultiHeadSoftmaxAttention(int modelWidth, int heads, int keyWidth, Random random, double? initStd = null, bool outputMap = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(modelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keyWidth);
        if (!outputMap && (heads != 1 || keyWidth != modelWidth))
            throw new ArgumentException("Without W_O the layer needs one head with d_key equal to the model width.", nameof(outputMap));
        queries = new Linear[heads];
        keys = new Linear[heads];
        values = new Linear[heads];
        for (var h = 0; h < heads; h++)
        {
            queries[h] = RegisterModule($"query{h}", new Linear(modelWidth, keyWidth, random, bias: false, initStd: initStd));
            keys[h] = RegisterModule($"key{h}", new Linear(modelWidth, keyWidth, random, bias: false, initStd: initStd));
            values[h] = RegisterModule($"value{h}", new Linear(modelWidth, keyWidth, random, bias: false, initStd: initStd));
        }
        Output = outputMap ? RegisterModule("output", new Linear(heads * keyWidth, modelWidth, random, bias: false)) : null;
        KeyWidth = keyWidth;
    }

    /// <summary>d_key.</summary>
    public int KeyWidth { get; }

    /// <summary>Number of heads.</summary>
    public int HeadCount => queries.Length;

    /// <summary>W_O: [H·d_key → width], or null.</summary>
    public Linear? Output { get; }

    /// <summary>[tokens × width] → [tokens × width], attention within the segments of <paramref name="offsets"/>.</summary>
    public Tensor Forward(Tensor x, int[] offsets)
    {
        var heads = new Tensor[queries.Length];
        for (var h = 0; h < heads.Length; h++)
            heads[h] = SoftmaxAttention.Apply(queries[h].Forward(x), keys[h].Forward(x), values[h].Forward(x), offsets);
        var joined = heads.Length == 1 ? heads[0] : Tensor.Concat(heads, 1);
        return Output is null ? joined : Output.Forward(joined);
    }
}

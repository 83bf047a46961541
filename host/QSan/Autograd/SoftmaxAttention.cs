namespace QSan.Autograd;

/// <summary>
/// Scaled dot-product (softmax) self-attention as one graph node, as Vaswani et al. define it and the CERN openlab
/// talk "Quantum Self-Attention" walks through: within each segment (a sentence, an image's tokens),
/// a_{s,j} = softmax_j(q_s · k_j / √d_key) and out_s = Σ_j a_{s,j} v_j (<see cref="SegmentAttention"/> with a scaled dot product).
/// </summary>
public static class SoftmaxAttention
{
    /// <summary>q, k: [tokens × d_key]; v: [tokens × d_value]; offsets as in <see cref="Functional"/>. Returns [tokens × d_value].</summary>
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(q);
        return SegmentAttention.Apply(new ScaledDot(1.0 / Math.Sqrt(q.Rank == 2 ? q.Shape[1] : 1)), q, k, v, offsets,
            "Softmax attention needs queries and keys [tokens, d_key] and values [tokens, d_value]");
    }

    /// <summary>score = q·k/√d_key: ∂/∂q = k/√d_key, ∂/∂k = q/√d_key.</summary>
    private readonly struct ScaledDot(double scale) : IAttentionScore
    {
        public double Score(ReadOnlySpan<double> query, ReadOnlySpan<double> key) => scale * Kernels.Dot(query, key);

        public void AddGradients(double dScore, ReadOnlySpan<double> query, ReadOnlySpan<double> key, Span<double> queryGradient, Span<double> keyGradient)
        {
            if (!queryGradient.IsEmpty) Kernels.Axpy(scale * dScore, key, queryGradient);
            if (!keyGradient.IsEmpty) Kernels.Axpy(scale * dScore, query, keyGradient);
        }
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

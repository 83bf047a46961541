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

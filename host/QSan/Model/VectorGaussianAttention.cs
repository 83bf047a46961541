using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// Gaussian projected self-attention on vector queries and keys (CSANN): within each sentence,
/// ã_{s,j} = exp(−‖q_s − k_j‖²) / Σ_m exp(−‖q_s − k_m‖²) and out_s = Σ_j ã_{s,j} v_j. With one-value queries and keys
/// this is QSANN's kernel (<see cref="Functional.GaussianAttention(Tensor, Tensor, Tensor, int[])"/>). <see cref="SegmentAttention"/> with that score.
/// </summary>
public static class VectorGaussianAttention
{
    /// <summary>q, k: [tokens × w]; v: [tokens × d]; offsets as in <see cref="Functional"/>. Returns [tokens × d].</summary>
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, int[] offsets) =>
        SegmentAttention.Apply(new NegativeSquaredDistance(), q, k, v, offsets, "Vector attention needs queries and keys [tokens, w] and values [tokens, d]");

    /// <summary>score = −‖q − k‖²: ∂/∂q = −2(q − k), ∂/∂k = 2(q − k).</summary>
    private readonly struct NegativeSquaredDistance : IAttentionScore
    {
        public double Score(ReadOnlySpan<double> query, ReadOnlySpan<double> key)
        {
            var sum = 0.0;
            for (var i = 0; i < query.Length; i++)
            {
                var diff = query[i] - key[i];
                sum += diff * diff;
            }
            return -sum;
        }

        public void AddGradients(double dScore, ReadOnlySpan<double> query, ReadOnlySpan<double> key, Span<double> queryGradient, Span<double> keyGradient)
        {
            for (var c = 0; c < query.Length; c++)
            {
                var diff = query[c] - key[c];
                if (!queryGradient.IsEmpty) queryGradient[c] -= 2.0 * dScore * diff;
                if (!keyGradient.IsEmpty) keyGradient[c] += 2.0 * dScore * diff;
            }
        }
    }
}

using static TorchSharp.torch;

namespace QSan.Torch;

/// <summary>The attention kernels of QSANN and CSANN on padded batches: [batch, tokens, w] queries and keys give
/// [batch, tokens, tokens] weights, each row a distribution over the tokens of its own row of the batch.</summary>
public static class Attention
{
    /// <summary>Gaussian projected attention: ã_{s,j} = exp(−‖q_s − k_j‖²) / Σ_m exp(−‖q_s − k_m‖²) (QSANN with w = 1).</summary>
    /// <param name="q">[batch, tokens, w].</param>
    /// <param name="k">[batch, tokens, w].</param>
    /// <param name="mask">[batch, tokens], false at padding (never attended to), or null.</param>
    public static Tensor Gaussian(Tensor q, Tensor k, Tensor? mask)
    {
        var distance = q.size(2) == 1
            ? (q - k.transpose(1, 2)).square()
            : (q.unsqueeze(2) - k.unsqueeze(1)).square().sum(-1);
        return Normalise(-distance, mask);
    }

    /// <summary>Scaled dot-product attention: softmax_j(q_s · k_j / √w) (Vaswani et al.; CSANN's softmax option).</summary>
    public static Tensor ScaledDot(Tensor q, Tensor k, Tensor? mask) =>
        Normalise(q.bmm(k.transpose(1, 2)) / Math.Sqrt(q.size(2)), mask);

    private static Tensor Normalise(Tensor scores, Tensor? mask) =>
        nn.functional.softmax(mask is null ? scores : scores.masked_fill(mask.logical_not().unsqueeze(1), double.NegativeInfinity), -1);
}

/// <summary>
/// Where the tokens of a padded batch [batch, tokens, d] are: the circuits run on the real tokens only (one row each),
/// and every slot of the batch reads its row back.
/// </summary>
internal sealed class TokenSlots
{
    private readonly Tensor? tokenSlots;
    private readonly int dimension;

    private TokenSlots(int batch, int length, int dimension, Tensor? mask, Tensor? tokenSlots, Tensor identity)
    {
        Batch = batch;
        Length = length;
        this.dimension = dimension;
        Mask = mask;
        this.tokenSlots = tokenSlots;
        Identity = identity;
    }

    /// <summary>Rows of the batch.</summary>
    public int Batch { get; }

    /// <summary>Slots per row.</summary>
    public int Length { get; }

    /// <summary>[batch, tokens] bool, false at padding; null when every slot is a token.</summary>
    public Tensor? Mask { get; }

    /// <summary>For every slot, its row among <see cref="Rows"/> (padding reads row 0; its results are masked).</summary>
    public Tensor Identity { get; }

    /// <summary>Checks <paramref name="x"/> [batch, tokens, d] and <paramref name="mask"/> [batch, tokens] and finds the tokens.</summary>
    public static TokenSlots Of(Tensor x, Tensor? mask, int dimension)
    {
        if (x.dim() != 3 || x.size(2) != dimension)
            throw new ArgumentException($"Token vectors must be [batch, tokens, {dimension}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        var batch = (int)x.size(0);
        var length = (int)x.size(1);
        if (mask is null) return new TokenSlots(batch, length, dimension, null, null, arange(batch * length, dtype: ScalarType.Int64));
        if (mask.dim() != 2 || mask.size(0) != batch || mask.size(1) != length)
            throw new ArgumentException($"The mask must be [{batch}, {length}] like the tokens; got [{string.Join(", ", mask.shape)}].", nameof(mask));
        var flat = mask.to(ScalarType.Bool).reshape(-1);
        var slots = flat.nonzero().reshape(-1);
        // Slot i of a token holds its position among the tokens; padding points at row 0.
        var identity = zeros(batch * length, dtype: ScalarType.Int64).index_copy(0, slots, arange(slots.size(0), dtype: ScalarType.Int64));
        return new TokenSlots(batch, length, dimension, flat.reshape(batch, length), slots, identity);
    }

    /// <summary>Builds the slots of a ragged batch: sentence s has tokens offsets[s]..offsets[s+1]; token t sits in
    /// row s, slot t − offsets[s]. Also returns, for every token, its flat slot.</summary>
    public static (TokenSlots Slots, Tensor TokenSlotIndex) FromOffsets(int[] offsets, int dimension)
    {
        var batch = offsets.Length - 1;
        var length = 0;
        for (var s = 0; s < batch; s++) length = Math.Max(length, offsets[s + 1] - offsets[s]);
        var tokens = offsets[^1];
        var maskValues = new bool[batch * length];
        var slotOfToken = new long[tokens];
        var identity = new long[batch * length];
        for (var s = 0; s < batch; s++)
            for (var t = offsets[s]; t < offsets[s + 1]; t++)
            {
                var slot = s * length + (t - offsets[s]);
                maskValues[slot] = true;
                slotOfToken[t] = slot;
                identity[slot] = t;
            }
        var slotIndex = tensor(slotOfToken, ScalarType.Int64);
        var mask = tensor(maskValues).reshape(batch, length);
        return (new TokenSlots(batch, length, dimension, mask, slotIndex, tensor(identity, ScalarType.Int64)), slotIndex);
    }

    /// <summary>The real tokens' vectors of <paramref name="y"/> [batch, tokens, d], one row each.</summary>
    public Tensor Rows(Tensor y)
    {
        var flat = y.reshape(Batch * Length, dimension);
        return tokenSlots is null ? flat : flat.index_select(0, tokenSlots);
    }

    /// <summary><paramref name="t"/> [batch, tokens, w] with the padding slots zeroed.</summary>
    public Tensor ZeroPadding(Tensor t) => Mask is null ? t : t * Mask.unsqueeze(-1).to(t.dtype);

    /// <summary>The mean over each row's tokens of <paramref name="y"/> [batch, tokens, d]: [batch, d].</summary>
    public Tensor Mean(Tensor y)
    {
        if (Mask is null) return y.mean([1]);
        var weights = Mask.to(y.dtype);
        return (y * weights.unsqueeze(-1)).sum(1) / weights.sum(1, keepdim: true);
    }
}

namespace QSan.Autograd;

/// <summary>
/// What the segment-wise attention ops share (softmax attention, QSANN's vector Gaussian attention): the shape checks,
/// and the layout of their saved weights — one n×n block per segment of n tokens, block after block.
/// </summary>
public static class AttentionSegments
{
    /// <summary>
    /// Checks queries and keys [tokens × width] and values [tokens × d] against segment offsets (starting at 0, ending at
    /// the token count, never decreasing); throws <see cref="ArgumentException"/> naming the op.
    /// </summary>
    /// <param name="q">Queries.</param>
    /// <param name="k">Keys.</param>
    /// <param name="v">Values.</param>
    /// <param name="offsets">Segment boundaries.</param>
    /// <param name="shapes">The op and its widths for the message, e.g. "Softmax attention needs queries and keys [tokens, d_key] and values [tokens, d_value]".</param>
    public static void Check(Tensor q, Tensor k, Tensor v, int[] offsets, string shapes)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(offsets);
        if (q.Rank != 2 || k.Rank != 2 || v.Rank != 2 || q.Shape[0] != v.Shape[0] || k.Shape[0] != v.Shape[0] || q.Shape[1] != k.Shape[1])
            throw new ArgumentException($"{shapes} with the same token count.");
        var tokens = v.Shape[0];
        if (offsets.Length < 1 || offsets[0] != 0 || offsets[^1] != tokens)
            throw new ArgumentException($"Offsets must start at 0 and end at the token count {tokens}.", nameof(offsets));
        for (var i = 1; i < offsets.Length; i++)
            if (offsets[i] < offsets[i - 1]) throw new ArgumentException("Offsets must not decrease.", nameof(offsets));
    }

    /// <summary>Where each segment's n×n weight block starts; the last entry is the total size.</summary>
    public static int[] BlockStarts(int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var segments = offsets.Length - 1;
        var blockStart = new int[segments + 1];
        for (var b = 0; b < segments; b++)
        {
            var n = offsets[b + 1] - offsets[b];
            blockStart[b + 1] = checked(blockStart[b] + n * n);
        }
        return blockStart;
    }
}

using static TorchSharp.torch;

namespace QSan.Torch;

/// <summary>QSan's ragged batches (tokens concatenated, sentence offsets) as the padded tensors TorchSharp models take.</summary>
public static class PaddedSentences
{
    /// <summary>
    /// Sentence s's tokens ids[offsets[s]..offsets[s+1]) as row s of <c>Ids</c> [sentences, longest] (int64, padding 0),
    /// and <c>Mask</c> [sentences, longest] (bool, false at padding).
    /// </summary>
    public static (Tensor Ids, Tensor Mask) Pad(int[] ids, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length < 2 || offsets[0] != 0 || offsets[^1] != ids.Length)
            throw new ArgumentException($"Offsets must run from 0 to the {ids.Length} tokens, one entry per sentence boundary.", nameof(offsets));
        var sentences = offsets.Length - 1;
        var longest = 0;
        for (var s = 0; s < sentences; s++) longest = Math.Max(longest, offsets[s + 1] - offsets[s]);
        var padded = new long[sentences * longest];
        var mask = new bool[sentences * longest];
        for (var s = 0; s < sentences; s++)
            for (var t = offsets[s]; t < offsets[s + 1]; t++)
            {
                padded[s * longest + t - offsets[s]] = ids[t];
                mask[s * longest + t - offsets[s]] = true;
            }
        return (tensor(padded, [sentences, longest], ScalarType.Int64), tensor(mask, [sentences, longest]));
    }
}

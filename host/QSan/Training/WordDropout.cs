namespace QSan.Training;

/// <summary>
/// Word dropout (Iyyer et al., "Deep Unordered Composition Rivals Syntactic Methods for Text Classification", ACL 2015):
/// each token of a training sentence is left out of one step with probability p, so the classifier cannot lean on any
/// single word. A sentence that would lose every token keeps one, chosen uniformly.
/// </summary>
public static class WordDropout
{
    /// <summary>The batch with tokens dropped; draws from <paramref name="random"/> (the run's checkpointed generator).</summary>
    /// <param name="ids">Token ids of the sentences, concatenated.</param>
    /// <param name="offsets">Sentence boundaries (length sentences + 1).</param>
    /// <param name="probability">p in [0, 1).</param>
    /// <param name="random">The generator; one draw per token, plus one per sentence that lost every token.</param>
    public static (int[] Ids, int[] Offsets) Apply(int[] ids, int[] offsets, double probability, TrainingRandom random)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(random);
        if (!(probability >= 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Word dropout lies in [0, 1).");
        var kept = new List<int>(ids.Length);
        var newOffsets = new int[offsets.Length];
        for (var s = 0; s + 1 < offsets.Length; s++)
        {
            var start = kept.Count;
            for (var t = offsets[s]; t < offsets[s + 1]; t++)
                if (random.NextDouble() >= probability) kept.Add(ids[t]);
            var length = offsets[s + 1] - offsets[s];
            if (kept.Count == start && length > 0) kept.Add(ids[offsets[s] + random.Next(length)]);
            newOffsets[s + 1] = kept.Count;
        }
        return ([.. kept], newOffsets);
    }
}

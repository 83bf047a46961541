namespace QSan.Data;

/// <summary>Deterministic stratified splits: each label keeps its share in both parts.</summary>
public static class StratifiedSplitter
{
    /// <summary>
    /// Splits <paramref name="data"/> so that round(n_c × <paramref name="heldOutFraction"/>) sentences of each label c go to
    /// the held-out part, chosen by a Fisher–Yates shuffle seeded with <paramref name="seed"/>. Both parts keep the original order.
    /// </summary>
    public static (IReadOnlyList<LabelledSentence> Kept, IReadOnlyList<LabelledSentence> HeldOut) Split(IReadOnlyList<LabelledSentence> data, double heldOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), $"The held-out fraction must lie strictly between 0 and 1; got {heldOutFraction}.");

        var random = new Random(seed);
        var heldOut = new bool[data.Count];
        foreach (var label in data.Select(s => s.Label).Distinct().Order())
        {
            var members = Enumerable.Range(0, data.Count).Where(i => data[i].Label == label).ToArray();
            // Own Fisher–Yates on Random(seed).Next, whose sequence .NET keeps stable for seeded instances.
            for (var i = members.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }
            var take = (int)Math.Round(members.Length * heldOutFraction, MidpointRounding.AwayFromZero);
            for (var i = 0; i < take; i++) heldOut[members[i]] = true;
        }

        var kept = new List<LabelledSentence>();
        var held = new List<LabelledSentence>();
        for (var i = 0; i < data.Count; i++) (heldOut[i] ? held : kept).Add(data[i]);
        return (kept, held);
    }

    /// <summary>
    /// Fold <paramref name="fold"/> (1-based) of a stratified <paramref name="folds"/>-fold partition of <paramref name="data"/>:
    /// each label's sentences are shuffled with <paramref name="seed"/> and dealt to the folds in turn, so the folds are
    /// disjoint, cover the data and keep the label shares. Both parts keep the original order.
    /// </summary>
    public static (IReadOnlyList<LabelledSentence> Kept, IReadOnlyList<LabelledSentence> HeldOut) Fold(IReadOnlyList<LabelledSentence> data, int folds, int fold, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), $"A partition needs at least 2 folds; got {folds}.");
        if (fold < 1 || fold > folds) throw new ArgumentOutOfRangeException(nameof(fold), $"The fold must lie in 1..{folds}; got {fold}.");

        var random = new Random(seed);
        var heldOut = new bool[data.Count];
        // Continue dealing where the previous label stopped, so fold sizes differ by at most one overall.
        var next = 0;
        foreach (var label in data.Select(s => s.Label).Distinct().Order())
        {
            var members = Enumerable.Range(0, data.Count).Where(i => data[i].Label == label).ToArray();
            for (var i = members.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }
            foreach (var m in members)
            {
                if (next % folds == fold - 1) heldOut[m] = true;
                next++;
            }
        }

        var kept = new List<LabelledSentence>();
        var held = new List<LabelledSentence>();
        for (var i = 0; i < data.Count; i++) (heldOut[i] ? held : kept).Add(data[i]);
        return (kept, held);
    }
}

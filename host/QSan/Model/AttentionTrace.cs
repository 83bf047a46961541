namespace QSan.Model;

/// <summary>
/// Collects what every attention head saw during a forward pass (pass one to
/// <see cref="SentenceClassifier.Forward(int[], int[], AttentionTrace?)"/>), for <c>predict</c> and the heatmaps.
/// </summary>
public sealed class AttentionTrace
{
    private readonly List<AttentionRecord> records = [];

    /// <summary>One record per layer and head, in evaluation order.</summary>
    public IReadOnlyList<AttentionRecord> Records => records;

    /// <summary>Adds a head's queries and keys (copied).</summary>
    internal void Record(int layer, int head, ReadOnlySpan<double> queries, ReadOnlySpan<double> keys, int width, int[] offsets) =>
        records.Add(new AttentionRecord(layer, head, queries.ToArray(), keys.ToArray(), width, (int[])offsets.Clone()));

    /// <summary>The record of (<paramref name="layer"/>, <paramref name="head"/>).</summary>
    public AttentionRecord Get(int layer, int head)
    {
        foreach (var r in records)
            if (r.Layer == layer && r.Head == head) return r;
        throw new ArgumentException($"The trace has no attention head ({layer}, {head}).");
    }

    /// <summary>
    /// The normalised attention weights ã of one sentence as an n×n matrix: row s holds how much token s attends
    /// to each token j of the same sentence (rows sum to 1).
    /// </summary>
    public double[,] Weights(int layer, int head, int sentence)
    {
        var r = Get(layer, head);
        if (sentence < 0 || sentence >= r.Offsets.Length - 1)
            throw new ArgumentOutOfRangeException(nameof(sentence), sentence, $"The batch has {r.Offsets.Length - 1} sentences.");
        var start = r.Offsets[sentence];
        var n = r.Offsets[sentence + 1] - start;
        var w = r.Width;
        var weights = new double[n, n];
        var logits = new double[n];
        for (var s = 0; s < n; s++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < n; j++)
            {
                var distance = 0.0;
                for (var c = 0; c < w; c++)
                {
                    var diff = r.Queries[(start + s) * w + c] - r.Keys[(start + j) * w + c];
                    distance += diff * diff;
                }
                logits[j] = -distance;
                max = Math.Max(max, -distance);
            }
            var sum = 0.0;
            for (var j = 0; j < n; j++) sum += logits[j] = Math.Exp(logits[j] - max);
            for (var j = 0; j < n; j++) weights[s, j] = logits[j] / sum;
        }
        return weights;
    }
}

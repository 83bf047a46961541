using QSan.Data;

namespace QSan.Training;

/// <summary>
/// A split tokenised and mapped to vocabulary ids once, stored flat so a minibatch is a few array copies:
/// sentence i's ids are <c>Ids[Starts[i] .. Starts[i + 1]]</c>. A sentence with no tokens (punctuation only) gets
/// the unknown-word id, so every sentence has something to attend over.
/// </summary>
public sealed class EncodedSentences
{
    private EncodedSentences(int[] ids, int[] starts, double[] labels, string[] texts)
    {
        Ids = ids;
        Starts = starts;
        Labels = labels;
        Texts = texts;
    }

    /// <summary>All token ids, sentence after sentence.</summary>
    public int[] Ids { get; }

    /// <summary>Sentence boundaries into <see cref="Ids"/> (length <see cref="Count"/> + 1).</summary>
    public int[] Starts { get; }

    /// <summary>Labels, 0 or 1.</summary>
    public double[] Labels { get; }

    /// <summary>The original sentences.</summary>
    public string[] Texts { get; }

    /// <summary>Number of sentences.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of tokens.</summary>
    public int TokenCount => Ids.Length;

    /// <summary>Tokenises and encodes <paramref name="sentences"/>.</summary>
    public static EncodedSentences Encode(IReadOnlyList<LabelledSentence> sentences, Tokenizer tokenizer, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var ids = new List<int>();
        var starts = new int[sentences.Count + 1];
        var labels = new double[sentences.Count];
        var texts = new string[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var tokens = tokenizer.Tokenize(sentences[i].Text);
            if (tokens.Length == 0) ids.Add(Vocabulary.UnknownId);
            else
                foreach (var token in tokens) ids.Add(vocabulary.Id(token));
            starts[i + 1] = ids.Count;
            labels[i] = sentences[i].Label;
            texts[i] = sentences[i].Text;
        }
        return new EncodedSentences([.. ids], starts, labels, texts);
    }

    /// <summary>
    /// Gathers the sentences <paramref name="order"/>[first .. first + count) into a ragged batch.
    /// </summary>
    /// <returns>Their token ids, boundaries (length count + 1) and labels.</returns>
    public (int[] Ids, int[] Offsets, double[] Labels) Batch(ReadOnlySpan<int> order)
    {
        var tokens = 0;
        foreach (var i in order) tokens += Starts[i + 1] - Starts[i];
        var ids = new int[tokens];
        var offsets = new int[order.Length + 1];
        var labels = new double[order.Length];
        var at = 0;
        for (var b = 0; b < order.Length; b++)
        {
            var i = order[b];
            var length = Starts[i + 1] - Starts[i];
            Array.Copy(Ids, Starts[i], ids, at, length);
            at += length;
            offsets[b + 1] = at;
            labels[b] = Labels[i];
        }
        return (ids, offsets, labels);
    }

    /// <summary>The contiguous sentences [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) as a ragged batch.</summary>
    public (int[] Ids, int[] Offsets, double[] Labels) Range(int first, int count)
    {
        var begin = Starts[first];
        var ids = Ids.AsSpan(begin, Starts[first + count] - begin).ToArray();
        var offsets = new int[count + 1];
        for (var b = 1; b <= count; b++) offsets[b] = Starts[first + b] - begin;
        return (ids, offsets, Labels.AsSpan(first, count).ToArray());
    }
}

namespace QSan.Data;

/// <summary>
/// Token ↔ id map built from a training split. Id 0 is the unknown-word slot (<see cref="UnknownToken"/>),
/// which every token not seen in training maps to. Serialise it as <see cref="Words"/> and restore with <see cref="FromWords"/>.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The entry at id 0; tokenizers never produce it (angle brackets are punctuation to them).</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>The id of unknown tokens.</summary>
    public const int UnknownId = 0;

    private readonly string[] words;
    private readonly Dictionary<string, int> ids;

    private Vocabulary(string[] words)
    {
        this.words = words;
        ids = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++) ids.Add(words[i], i);
    }

    /// <summary>All entries, index = id; <c>Words[0]</c> is <see cref="UnknownToken"/>.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>Number of ids, the unknown slot included (the embedding table's row count).</summary>
    public int Count => words.Length;

    /// <summary>
    /// Builds the vocabulary from tokenised training sentences: tokens seen at least <paramref name="minCount"/>
    /// times, ordered by first appearance (so the ids are deterministic).
    /// </summary>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> trainingTokens, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(trainingTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minCount);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sentence in trainingTokens)
        {
            foreach (var token in sentence)
            {
                if (token == UnknownToken) continue;
                if (counts.TryGetValue(token, out var c)) counts[token] = c + 1;
                else
                {
                    counts.Add(token, 1);
                    order.Add(token);
                }
            }
        }
        var words = new List<string>(order.Count + 1) { UnknownToken };
        foreach (var token in order)
            if (counts[token] >= minCount) words.Add(token);
        return new Vocabulary([.. words]);
    }

    /// <summary>Tokenises <paramref name="training"/> with <paramref name="tokenizer"/> and builds the vocabulary from it.</summary>
    public static Vocabulary Build(IEnumerable<LabelledSentence> training, Tokenizer tokenizer, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Build(training.Select(s => (IReadOnlyList<string>)tokenizer.Tokenize(s.Text)), minCount);
    }

    /// <summary>Restores a vocabulary saved as <see cref="Words"/>: the first entry must be <see cref="UnknownToken"/> and entries must be distinct.</summary>
    public static Vocabulary FromWords(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0 || words[0] != UnknownToken)
            throw new ArgumentException($"A saved vocabulary starts with '{UnknownToken}'.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (string.IsNullOrEmpty(words[i])) throw new ArgumentException($"Vocabulary entry {i} is empty.");
            if (!seen.Add(words[i])) throw new ArgumentException($"Vocabulary entry {i} ('{words[i]}') appears twice.");
        }
        return new Vocabulary([.. words]);
    }

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/>.</summary>
    public int Id(string token) => ids.TryGetValue(token, out var id) ? id : UnknownId;

    /// <summary>Whether <paramref name="token"/> has its own id.</summary>
    public bool Contains(string token) => token != UnknownToken && ids.ContainsKey(token);

    /// <summary>The ids of <paramref name="tokens"/>.</summary>
    public int[] Encode(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var result = new int[tokens.Count];
        for (var i = 0; i < result.Length; i++) result[i] = Id(tokens[i]);
        return result;
    }

    /// <summary>The ids of the tokens of <paramref name="text"/>.</summary>
    public int[] Encode(string text, Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Encode(tokenizer.Tokenize(text));
    }
}

using System.Globalization;
using System.Text;

namespace QSan.Data;

/// <summary>Turns sentences into lower-case tokens (see <see cref="TokenizerMode"/>).</summary>
public sealed class Tokenizer
{
    /// <summary>The prefix of a word in a negation's scope ("not good" → "not", "not_good").</summary>
    public const string NegationPrefix = "not_";

    /// <summary>Creates a tokenizer.</summary>
    /// <param name="mode">The cutting rule.</param>
    /// <param name="markNegation">Whether words in a negation's scope are marked (see <see cref="MarkNegation"/>).</param>
    /// <exception cref="ArgumentException">Negation marking asked of the character mode (characters have no words to negate).</exception>
    public Tokenizer(TokenizerMode mode = TokenizerMode.Words, bool markNegation = false)
    {
        if (markNegation && mode == TokenizerMode.Characters)
            throw new ArgumentException("Negation marking needs words: use it with the words, stems or punctuation tokenizer, not characters.", nameof(markNegation));
        Mode = mode;
        MarkNegation = markNegation;
    }

    /// <summary>The cutting rule.</summary>
    public TokenizerMode Mode { get; }

    /// <summary>
    /// Whether each word after a negation cue (not, no, never, nothing, without, any "n't" word, …) up to the next
    /// clause mark (. , ; : ! ?) gets <see cref="NegationPrefix"/>: "not good, really" → "not", "not_good", "really".
    /// The classic sentiment-analysis device (Das and Chen 2001; Pang, Lee and Vaithyanathan 2002): an order-blind
    /// model sees "good" and "not good" as different words.
    /// </summary>
    public bool MarkNegation { get; }

    /// <summary>The tokens of <paramref name="text"/>, in order; punctuation is dropped in <see cref="TokenizerMode.Words"/> and <see cref="TokenizerMode.Stems"/> modes and kept, one mark per token, in <see cref="TokenizerMode.WordsAndPunctuation"/> mode; with <see cref="MarkNegation"/>, negated words carry <see cref="NegationPrefix"/>.</summary>
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Mode switch
        {
            TokenizerMode.Characters => Characters(text),
            TokenizerMode.WordsAndPunctuation => Words(text, keepPunctuation: true),
            _ => Words(text, keepPunctuation: false),
        };
    }

    private string[] Words(string text, bool keepPunctuation)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes()) runes.Add(rune);
        var negated = false;

        void EndWord()
        {
            if (current.Length == 0) return;
            var word = current.ToString();
            current.Clear();
            var token = Mode == TokenizerMode.Stems ? PorterStemmer.Stem(word) : word;
            tokens.Add(negated ? NegationPrefix + token : token);
            if (MarkNegation && IsNegationCue(word)) negated = true;
        }

        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (Rune.IsLetterOrDigit(rune) || (current.Length > 0 && IsMark(rune)))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (IsApostrophe(rune) && current.Length > 0 && i + 1 < runes.Count && Rune.IsLetterOrDigit(runes[i + 1]))
            {
                // Inside a word ("don't", "movie's"); quotes around words are dropped like other punctuation.
                current.Append('\'');
            }
            else
            {
                EndWord();
                if (IsClauseMark(rune)) negated = false;
                if (keepPunctuation && !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune)) tokens.Add(rune.ToString());
            }
        }
        EndWord();
        return [.. tokens];
    }

    private static string[] Characters(string text)
    {
        var tokens = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!string.IsNullOrWhiteSpace(element)) tokens.Add(element.ToLowerInvariant());
        }
        return [.. tokens];
    }

    /// <summary>Negation cues: the usual list, any "n't" contraction, and the contractions as often typed without the apostrophe.</summary>
    private static bool IsNegationCue(string word) => word.EndsWith("n't", StringComparison.Ordinal) || NegationCues.Contains(word);

    private static readonly HashSet<string> NegationCues =
    [
        "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "cannot", "without",
        "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "wont", "cant", "couldnt", "shouldnt", "wouldnt",
        "havent", "hasnt", "hadnt", "aint",
    ];

    /// <summary>Marks that end a negation's scope (the clause punctuation of Pang et al.).</summary>
    private static bool IsClauseMark(Rune rune) => rune.Value is '.' or ',' or ';' or ':' or '!' or '?';

    private static bool IsApostrophe(Rune rune) => rune.Value is '\'' or '\u2019';

    /// <summary>Combining marks (accents, Indic vowel signs) belong to the word they follow.</summary>
    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

using System.Globalization;
using System.Text;

namespace QSan.Data;

/// <summary>Turns sentences into lower-case tokens (see <see cref="TokenizerMode"/>).</summary>
public sealed class Tokenizer
{
    /// <summary>Creates a tokenizer.</summary>
    public Tokenizer(TokenizerMode mode = TokenizerMode.Words) => Mode = mode;

    /// <summary>The cutting rule.</summary>
    public TokenizerMode Mode { get; }

    /// <summary>The tokens of <paramref name="text"/>, in order; punctuation is dropped in <see cref="TokenizerMode.Words"/> and <see cref="TokenizerMode.Stems"/> modes and kept, one mark per token, in <see cref="TokenizerMode.WordsAndPunctuation"/> mode.</summary>
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Mode switch
        {
            TokenizerMode.Characters => Characters(text),
            TokenizerMode.WordsAndPunctuation => Words(text, keepPunctuation: true),
            TokenizerMode.Stems => Array.ConvertAll(Words(text, keepPunctuation: false), PorterStemmer.Stem),
            _ => Words(text, keepPunctuation: false),
        };
    }

    private static string[] Words(string text, bool keepPunctuation)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes()) runes.Add(rune);

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
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
                if (keepPunctuation && !Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune)) tokens.Add(rune.ToString());
            }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
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

    private static bool IsApostrophe(Rune rune) => rune.Value is '\'' or '\u2019';

    /// <summary>Combining marks (accents, Indic vowel signs) belong to the word they follow.</summary>
    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

namespace QSan.Data;

/// <summary>How a <see cref="Tokenizer"/> cuts text.</summary>
public enum TokenizerMode
{
    /// <summary>Lower-cased runs of letters and digits; apostrophes inside a word are kept ("don't").</summary>
    Words,

    /// <summary>Every non-whitespace character (user-perceived, so combining marks stay attached) is a token: for scripts without spaces.</summary>
    Characters,

    /// <summary>
    /// As <see cref="Words"/>, and every punctuation mark or symbol is a token of its own ("great!" → "great", "!"), so
    /// marks that carry sentiment ("!", "?") reach the model.
    /// </summary>
    WordsAndPunctuation,

    /// <summary>
    /// As <see cref="Words"/>, each English word reduced to its Porter stem ("loved", "loving" → "love"; see
    /// <see cref="PorterStemmer"/>), so inflections of a word share one embedding.
    /// </summary>
    Stems,
}

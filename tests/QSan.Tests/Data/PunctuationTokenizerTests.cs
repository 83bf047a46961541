using QSan.Data;

namespace QSan.Tests.Data;

public sealed class PunctuationTokenizerTests
{
    private static readonly Tokenizer Punctuation = new(TokenizerMode.WordsAndPunctuation);

    [Theory]
    [InlineData("Don't STOP—the movie's great!!", new[] { "don't", "stop", "—", "the", "movie's", "great", "!", "!" })]
    [InlineData("Really? 10/10 :-)", new[] { "really", "?", "10", "/", "10", ":", "-", ")" })]
    [InlineData("It’s Café time.", new[] { "it's", "café", "time", "." })]
    [InlineData("  ... ", new[] { ".", ".", "." })]
    public void Punctuation_mode_cuts_words_as_word_mode_does_and_makes_every_mark_a_token(string text, string[] expected)
    {
        Assert.Equal(expected, Punctuation.Tokenize(text));
    }

    [Fact]
    public void Punctuation_mode_keeps_the_words_of_word_mode_in_order()
    {
        const string text = "Wow... Loved this place!! (would go back), 5 stars.";
        var words = new Tokenizer().Tokenize(text);
        var withMarks = Punctuation.Tokenize(text);
        Assert.Equal(words, withMarks.Where(t => t.Any(char.IsLetterOrDigit)));
    }
}

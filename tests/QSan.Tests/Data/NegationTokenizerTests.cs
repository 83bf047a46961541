using QSan.Data;

namespace QSan.Tests.Data;

public sealed class NegationTokenizerTests
{
    private static readonly Tokenizer Words = new(TokenizerMode.Words, markNegation: true);

    [Theory]
    [InlineData("This is not good, but the fries were great.", new[] { "this", "is", "not", "not_good", "but", "the", "fries", "were", "great" })]
    [InlineData("I didn't like it. Loved the rest!", new[] { "i", "didn't", "not_like", "not_it", "loved", "the", "rest" })]
    [InlineData("Wasn’t worth it", new[] { "wasn't", "not_worth", "not_it" })]
    [InlineData("Dont ever go; never again", new[] { "dont", "not_ever", "not_go", "never", "not_again" })]
    [InlineData("No plot: nothing works", new[] { "no", "not_plot", "nothing", "not_works" })]
    [InlineData("A notable, knotty note", new[] { "a", "notable", "knotty", "note" })]
    public void Words_after_a_negation_cue_are_marked_up_to_the_next_clause_mark(string text, string[] expected)
    {
        Assert.Equal(expected, Words.Tokenize(text));
    }

    [Fact]
    public void Stems_are_marked_after_stemming_and_punctuation_tokens_still_end_the_scope()
    {
        Assert.Equal(["not", "not_love", "not_it"], new Tokenizer(TokenizerMode.Stems, markNegation: true).Tokenize("Not loving it"));
        Assert.Equal(["never", "not_bad", "!", "great"], new Tokenizer(TokenizerMode.WordsAndPunctuation, markNegation: true).Tokenize("Never bad! Great"));
    }

    [Fact]
    public void Without_negation_marking_the_tokens_are_the_plain_words()
    {
        var text = "This is not good, but the fries were great.";
        Assert.Equal(["this", "is", "not", "good", "but", "the", "fries", "were", "great"], new Tokenizer().Tokenize(text));
        Assert.Equal(new Tokenizer().Tokenize("Good food, great staff"), Words.Tokenize("Good food, great staff"));
    }

    [Fact]
    public void Characters_have_no_words_to_negate()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tokenizer(TokenizerMode.Characters, markNegation: true));
        Assert.Contains("characters", error.Message);
    }
}

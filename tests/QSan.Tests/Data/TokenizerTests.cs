using FsCheck;
using FsCheck.Fluent;
using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class TokenizerTests
{
    private static readonly Tokenizer Words = new();
    private static readonly Tokenizer Characters = new(TokenizerMode.Characters);

    [Theory]
    [InlineData("Don't STOP—the movie's great!!", new[] { "don't", "stop", "the", "movie's", "great" })]
    [InlineData("'Quoted' words, \"double\" too.", new[] { "quoted", "words", "double", "too" })]
    [InlineData("10/10 would watch again :-)", new[] { "10", "10", "would", "watch", "again" })]
    [InlineData("slow-moving, aimless movie", new[] { "slow", "moving", "aimless", "movie" })]
    [InlineData("It’s Café time", new[] { "it's", "café", "time" })]
    [InlineData("rock 'n' roll", new[] { "rock", "n", "roll" })]
    [InlineData("skillful man prepares sauce .", new[] { "skillful", "man", "prepares", "sauce" })]
    [InlineData("  ... !!! ", new string[0])]
    public void Word_mode_lowercases_and_strips_punctuation_but_keeps_inner_apostrophes(string text, string[] expected)
    {
        Assert.Equal(expected, Words.Tokenize(text));
    }

    [Fact]
    public void Character_mode_makes_every_non_space_character_a_token()
    {
        Assert.Equal(["我", "爱", "你", "猫", "。"], Characters.Tokenize("我爱你 猫。"));
        Assert.Equal(["a", "b"], Characters.Tokenize(" A\tb\n"));
        // A base letter with a combining accent is one character to a reader.
        Assert.Equal(["e\u0301", "x"], Characters.Tokenize("e\u0301x"));
    }

    [Fact]
    public void Word_tokens_are_nonempty_lowercase_and_stable_under_retokenising()
    {
        Prop.ForAll<string>(text =>
        {
            var tokens = Words.Tokenize(text ?? "");
            var again = Words.Tokenize(string.Join(' ', tokens));
            return tokens.All(t => t.Length > 0 && t == t.ToLowerInvariant() && !t.Any(char.IsWhiteSpace) && !t.StartsWith('\'') && !t.EndsWith('\''))
                && again.SequenceEqual(tokens);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_real_sentence_has_at_least_one_word_token()
    {
        foreach (var file in new[] { "mc_train_data.txt", "rp_train_data.txt", "yelp_labelled.txt", "imdb_labelled.txt", "amazon_cells_labelled.txt" })
            Assert.All(SentenceFileReader.ReadFile(SharedDatasets.PathOf(file)), s => Assert.NotEmpty(Words.Tokenize(s.Text)));
    }
}

using QSan.Data;

namespace QSan.Tests.Data;

public sealed class PorterStemmerTests
{
    /// <summary>The examples of Porter's paper, step by step, and his reference implementation's outputs.</summary>
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("valenci", "valenc")]
    [InlineData("digitizer", "digit")]
    [InlineData("conformabli", "conform")]
    [InlineData("radicalli", "radic")]
    [InlineData("vietnamization", "vietnam")]
    [InlineData("predication", "predic")]
    [InlineData("feudalism", "feudal")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("sensibiliti", "sensibl")]
    [InlineData("triplicate", "triplic")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("allowance", "allow")]
    [InlineData("adjustment", "adjust")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("effective", "effect")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("analogi", "analog")]
    public void Words_are_reduced_as_Porter_published(string word, string stem)
    {
        Assert.Equal(stem, PorterStemmer.Stem(word));
    }

    [Theory]
    [InlineData("is")]
    [InlineData("don't")]
    [InlineData("10th")]
    [InlineData("café")]
    [InlineData("Loving")]
    [InlineData("")]
    public void Short_words_and_words_outside_lower_case_ascii_are_left_alone(string word)
    {
        Assert.Equal(word, PorterStemmer.Stem(word));
    }

    [Fact]
    public void Stems_mode_tokenizes_as_word_mode_then_stems_each_word()
    {
        var stems = new Tokenizer(TokenizerMode.Stems);
        Assert.Equal(["i", "love", "it", "we're", "love", "the", "servic", "don't", "go"], stems.Tokenize("I LOVED it, we're loving the service! Don't go."));
    }
}

using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class VocabularyTests
{
    private static readonly Tokenizer Words = new();

    [Fact]
    public void Ids_follow_first_appearance_after_the_unknown_slot()
    {
        var vocabulary = Vocabulary.Build([["b", "a"], ["c", "a", "b"]]);
        Assert.Equal([Vocabulary.UnknownToken, "b", "a", "c"], vocabulary.Words);
        Assert.Equal(4, vocabulary.Count);
        Assert.Equal([2, 1, 0, 3], vocabulary.Encode(["a", "b", "zebra", "c"]));
        Assert.False(vocabulary.Contains("zebra"));
        Assert.False(vocabulary.Contains(Vocabulary.UnknownToken));
    }

    [Fact]
    public void Rare_words_below_the_minimum_count_map_to_unknown()
    {
        var vocabulary = Vocabulary.Build([["a", "b"], ["a"]], minCount: 2);
        Assert.Equal([Vocabulary.UnknownToken, "a"], vocabulary.Words);
        Assert.Equal(Vocabulary.UnknownId, vocabulary.Id("b"));
    }

    [Fact]
    public async Task Words_seen_only_in_the_test_split_are_unknown()
    {
        var splits = (await new DatasetResolver(dataDirectory: SharedDatasets.Directory).LoadAsync("mc", seed: 0)).Splits;
        var vocabulary = Vocabulary.Build(splits.Train, Words);
        var trainWords = splits.Train.SelectMany(s => Words.Tokenize(s.Text)).ToHashSet();
        Assert.Equal(trainWords.Count + 1, vocabulary.Count);
        foreach (var sentence in splits.Test)
        {
            var tokens = Words.Tokenize(sentence.Text);
            var ids = vocabulary.Encode(sentence.Text, Words);
            for (var i = 0; i < tokens.Length; i++)
                Assert.Equal(trainWords.Contains(tokens[i]), ids[i] != Vocabulary.UnknownId);
        }
    }

    [Fact]
    public void A_vocabulary_round_trips_through_its_word_list()
    {
        var vocabulary = Vocabulary.Build([["x", "y", "don't"]]);
        var restored = Vocabulary.FromWords(vocabulary.Words.ToArray());
        Assert.Equal(vocabulary.Words, restored.Words);
        Assert.Equal(vocabulary.Encode(["don't", "y", "q"]), restored.Encode(["don't", "y", "q"]));
    }

    [Fact]
    public void A_saved_word_list_must_start_with_unknown_and_have_no_duplicates()
    {
        Assert.Throws<ArgumentException>(() => Vocabulary.FromWords(["a", "b"]));
        Assert.Throws<ArgumentException>(() => Vocabulary.FromWords([Vocabulary.UnknownToken, "a", "a"]));
        Assert.Throws<ArgumentException>(() => Vocabulary.FromWords([]));
    }
}

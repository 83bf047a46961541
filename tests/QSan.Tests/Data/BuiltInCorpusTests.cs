using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class BuiltInCorpusTests
{
    [Fact]
    public void The_corpus_is_deterministic_balanced_and_free_of_duplicates()
    {
        var corpus = BuiltInCorpus.Generate(seed: 1);
        Assert.Equal(200, corpus.Count);
        Assert.Equal(100, corpus.Count(s => s.Label == 1));
        Assert.Equal(200, corpus.Select(s => s.Text).Distinct().Count());
        Assert.Equal(corpus, BuiltInCorpus.Generate(seed: 1));
        Assert.NotEqual(corpus, BuiltInCorpus.Generate(seed: 2));
    }

    [Fact]
    public void The_corpus_splits_80_20_without_overlap()
    {
        var splits = BuiltInCorpus.Load(seed: 4);
        Assert.Equal(160, splits.Train.Count);
        Assert.Equal(40, splits.Test.Count);
        Assert.Equal(20, splits.Test.Count(s => s.Label == 0));
        Assert.Empty(splits.Train.Select(s => s.Text).Intersect(splits.Test.Select(s => s.Text)));
    }

    [Fact]
    public void The_corpus_parses_back_from_the_label_first_format()
    {
        var corpus = BuiltInCorpus.Generate(seed: 5, count: 20);
        var text = string.Join('\n', corpus.Select(s => $"{s.Label} {s.Text}"));
        Assert.Equal(corpus, SentenceFileReader.Parse(text, "builtin.txt"));
    }

    [Fact]
    public void The_label_is_learnable_from_the_words()
    {
        // Naive Bayes on word counts: a classical model should nearly ace a topic that the words decide.
        var splits = BuiltInCorpus.Load(seed: 6);
        var tokenizer = new Tokenizer();
        var counts = new[] { new Dictionary<string, int>(), new Dictionary<string, int>() };
        foreach (var s in splits.Train)
            foreach (var w in tokenizer.Tokenize(s.Text))
                counts[s.Label][w] = counts[s.Label].GetValueOrDefault(w) + 1;
        double Score(int label, string text)
        {
            var total = counts[label].Values.Sum();
            return tokenizer.Tokenize(text).Sum(w => Math.Log((counts[label].GetValueOrDefault(w) + 1.0) / (total + 100.0)));
        }
        var correct = splits.Test.Count(s => (Score(1, s.Text) > Score(0, s.Text) ? 1 : 0) == s.Label);
        Assert.True(correct >= 36, $"Naive Bayes got {correct}/40.");
    }
}

using FsCheck;
using FsCheck.Fluent;
using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class StratifiedSplitterTests
{
    [Theory]
    [InlineData("yelp")]
    [InlineData("imdb")]
    [InlineData("amazon")]
    public async Task Uci_sets_split_into_800_train_and_200_test_balanced_by_label(string name)
    {
        var splits = (await new DatasetResolver(dataDirectory: SharedDatasets.Directory).LoadAsync(name, seed: 1)).Splits;
        Assert.Equal(800, splits.Train.Count);
        Assert.Equal(200, splits.Test.Count);
        Assert.Equal(400, splits.Train.Count(s => s.Label == 1));
        Assert.Equal(100, splits.Test.Count(s => s.Label == 1));
        Assert.Null(splits.Validation);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        var data = SentenceFileReader.ReadFile(SharedDatasets.PathOf("yelp_labelled.txt"));
        var a = StratifiedSplitter.Split(data, 0.2, seed: 5);
        var b = StratifiedSplitter.Split(data, 0.2, seed: 5);
        var c = StratifiedSplitter.Split(data, 0.2, seed: 6);
        Assert.Equal(a.HeldOut, b.HeldOut);
        Assert.Equal(a.Kept, b.Kept);
        Assert.NotEqual(a.HeldOut, c.HeldOut);
    }

    [Fact]
    public void Splits_partition_the_data_keep_its_order_and_each_label_share()
    {
        var sentences = Gen.Choose(0, 1).Select(label => label).ArrayOf();
        Prop.ForAll(sentences.ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (labels, tenths, seed) =>
        {
            var data = labels.Select((l, i) => new LabelledSentence($"s{i}", l)).ToArray();
            var fraction = tenths / 10.0;
            var (kept, held) = StratifiedSplitter.Split(data, fraction, seed);
            var merged = kept.Concat(held).OrderBy(s => int.Parse(s.Text[1..])).ToArray();
            var ordered = IsOrdered(kept) && IsOrdered(held);
            var shares = new[] { 0, 1 }.All(label =>
                held.Count(s => s.Label == label) == (int)Math.Round(data.Count(s => s.Label == label) * fraction, MidpointRounding.AwayFromZero));
            return merged.SequenceEqual(data) && ordered && shares;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task A_validation_split_is_carved_stratified_from_training_only()
    {
        var splits = (await new DatasetResolver(dataDirectory: SharedDatasets.Directory).LoadAsync("imdb", seed: 3)).Splits;
        var carved = splits.CarveValidation(0.1, seed: 4);
        Assert.Equal(720, carved.Train.Count);
        Assert.Equal(80, carved.Validation!.Count);
        Assert.Equal(40, carved.Validation.Count(s => s.Label == 0));
        Assert.Same(splits.Test, carved.Test);
        Assert.Empty(carved.Validation.Intersect(splits.Test));
        Assert.Equal(carved.Validation, splits.CarveValidation(0.1, seed: 4).Validation);
        Assert.Throws<InvalidOperationException>(() => carved.CarveValidation(0.1, 4));
    }

    [Fact]
    public async Task Mc_and_rp_keep_their_given_splits()
    {
        using var resolver = new DatasetResolver(dataDirectory: SharedDatasets.Directory);
        var mc = (await resolver.LoadAsync("mc", seed: 0)).Splits;
        Assert.Equal((70, 30, 30), (mc.Train.Count, mc.Validation!.Count, mc.Test.Count));
        var rp = (await resolver.LoadAsync("rp", seed: 0)).Splits;
        Assert.Equal((74, 31), (rp.Train.Count, rp.Test.Count));
        Assert.Null(rp.Validation);
    }

    [Fact]
    public void Fractions_outside_zero_to_one_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplitter.Split([new LabelledSentence("a", 0)], 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplitter.Split([new LabelledSentence("a", 0)], 0.0, 0));
    }

    private static bool IsOrdered(IReadOnlyList<LabelledSentence> part) =>
        part.Select(s => int.Parse(s.Text[1..])).Zip(part.Select(s => int.Parse(s.Text[1..])).Skip(1)).All(p => p.First < p.Second);
}

using QSan.Data;
using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class ValidationFoldTests
{
    private static readonly LabelledSentence[] Data =
        [.. Enumerable.Range(0, 53).Select(i => new LabelledSentence($"sentence {i}", i % 3 == 0 ? 1 : 0))];

    [Fact]
    public void The_folds_of_a_partition_are_disjoint_cover_the_data_and_keep_each_labels_share()
    {
        var seen = new List<LabelledSentence>();
        for (var fold = 1; fold <= 5; fold++)
        {
            var (kept, held) = StratifiedSplitter.Fold(Data, 5, fold, seed: 11);
            Assert.Equal(Data.Length, kept.Count + held.Count);
            Assert.Empty(kept.Intersect(held));
            Assert.InRange(held.Count, 10, 11);
            Assert.InRange(held.Count(s => s.Label == 1), 3, 4);
            seen.AddRange(held);
        }
        Assert.Equal(Data.OrderBy(s => s.Text), seen.OrderBy(s => s.Text));
    }

    [Fact]
    public void The_same_seed_deals_the_same_folds_and_another_seed_deals_others()
    {
        Assert.Equal(StratifiedSplitter.Fold(Data, 4, 2, seed: 3).HeldOut, StratifiedSplitter.Fold(Data, 4, 2, seed: 3).HeldOut);
        Assert.NotEqual(StratifiedSplitter.Fold(Data, 4, 2, seed: 3).HeldOut, StratifiedSplitter.Fold(Data, 4, 2, seed: 4).HeldOut);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 0)]
    [InlineData(3, 4)]
    public void Fold_settings_out_of_range_are_rejected(int folds, int fold)
    {
        var options = TrainingFixtures.Builtin() with { ValidationFolds = folds, ValidationFold = fold };
        Assert.Throws<ArgumentException>(() => options.Validate());
    }

    [Fact]
    public async Task A_run_validated_on_fold_k_trains_on_the_other_folds_and_keeps_the_test_split()
    {
        using var folder = new TemporaryDirectory();
        var sizes = new List<(int Train, int Validation, int Test)>();
        for (var fold = 1; fold <= 4; fold++)
        {
            var options = TrainingFixtures.Builtin(epochs: 1) with { ValidationFolds = 4, ValidationFold = fold };
            var state = await TrainingFixtures.StartAsync(options, Path.Combine(folder.Path, $"fold{fold}"));
            sizes.Add((state.Train.Count, state.Validation.Count, state.Test.Count));
        }
        var total = sizes[0].Train + sizes[0].Validation;
        Assert.All(sizes, s => Assert.Equal(total, s.Train + s.Validation));
        Assert.Equal(total, sizes.Sum(s => s.Validation));
        Assert.Single(sizes.Select(s => s.Test).Distinct());
    }
}

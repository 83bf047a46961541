using QSan.Benchmarks;
using QSan.Model;
using QSan.Training;

namespace QSan.Tests.Benchmarks;

public sealed class PaperRowTests
{
    [Fact]
    public void A_row_holds_the_mean_and_sample_standard_deviation_over_its_seeds()
    {
        var row = PaperRow.Summarise(Spec("yelp", "a"), PaperProtocol.Holdout, [Seed(1, 0.8, 0.7), Seed(2, 0.9, 0.8), Seed(3, 0.7, 0.9)]);
        Assert.Equal(0.8, row.TestAccuracyMean, 12);
        Assert.Equal(0.1, row.TestAccuracyStd, 12);
        Assert.Equal(0.8, row.ValidationAccuracyMean!.Value, 12);
        Assert.Equal([1, 2, 3], row.Seeds);
        Assert.Equal(0.8479, row.PaperAccuracy);
        Assert.Equal("holdout", row.Protocol);
    }

    [Fact]
    public void Selection_takes_the_best_validation_score_per_dataset_and_model_and_ignores_the_test_score()
    {
        PaperRow[] rows =
        [
            PaperRow.Summarise(Spec("yelp", "a"), PaperProtocol.Holdout, [Seed(1, validation: 0.80, test: 0.90)]),
            PaperRow.Summarise(Spec("yelp", "b"), PaperProtocol.Holdout, [Seed(1, validation: 0.85, test: 0.70)]),
            PaperRow.Summarise(Spec("imdb", "a"), PaperProtocol.Holdout, [Seed(1, validation: 0.75, test: 0.70)]),
            PaperRow.Summarise(Spec("imdb", "b"), PaperProtocol.Holdout, [Seed(1, validation: 0.75, test: 0.99)]),
        ];
        var marked = PaperRow.MarkSelected(rows);
        Assert.Equal([false, true, true, false], marked.Select(r => r.Selected));
    }

    [Fact]
    public void Rows_without_validation_are_never_selected()
    {
        var row = PaperRow.Summarise(Spec("rp", "all"), PaperProtocol.Holdout, [Seed(1, null, 0.9)]);
        Assert.Null(row.ValidationAccuracyMean);
        Assert.False(Assert.Single(PaperRow.MarkSelected([row])).Selected);
    }

    private static PaperRunSpec Spec(string dataset, string variant) => new(dataset, ModelKind.Qsann, new TrainingRecipe(variant, variant, "", o => o), 1);

    private static PaperSeedResult Seed(int seed, double? validation, double test) => new(seed, validation, test, 1.0, 49, 100, 0.1, 3, 1);
}

using System.Globalization;
using System.Text.Json;
using QSan.Tests.Data;

namespace QSan.Tests.Cli;

/// <summary><c>bench paper</c> run for real on tiny configurations (MC and RP, few epochs, one seed).</summary>
public sealed class BenchPaperCommandTests
{
    private static readonly string[] RowKeys =
    [
        "dataset", "model", "variant", "protocol", "seeds", "testAccuracyMean", "testAccuracyStd", "validationAccuracyMean",
        "parameters", "trainSeconds", "selectedEpochs", "paperAccuracy", "selected", "testAccuracies",
    ];

    [Fact]
    public void Bench_paper_with_json_prints_a_row_per_model_whose_numbers_are_those_of_the_same_train_run()
    {
        var bench = CliRunner.Run("bench", "paper", "--datasets", "mc", "--variants", "canonical", "--seeds", "1", "--epochs", "3", "--json", "--data-dir", SharedDatasets.Directory);
        Assert.True(bench.ExitCode == 0, bench.Error);
        using var json = JsonDocument.Parse(bench.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["qsann", "csann"], rows.Select(r => r.GetProperty("model").GetString()));
        foreach (var row in rows)
        {
            foreach (var key in RowKeys) Assert.True(row.TryGetProperty(key, out _), $"missing {key}");
            Assert.Equal("mc", row.GetProperty("dataset").GetString());
            Assert.Equal("canonical", row.GetProperty("variant").GetString());
            // The default protocol is cv, but MC keeps its own dev split.
            Assert.Equal("holdout", row.GetProperty("protocol").GetString());
            Assert.InRange(row.GetProperty("testAccuracyMean").GetDouble(), 0.0, 1.0);
            Assert.Equal(0.0, row.GetProperty("testAccuracyStd").GetDouble());
            Assert.True(row.GetProperty("trainSeconds").GetDouble() > 0);
            Assert.True(row.GetProperty("selected").GetBoolean());

            // The same run through `train` gives the same scores and the model's own parameter count.
            var model = row.GetProperty("model").GetString()!;
            using var train = TrainJson("--dataset", "mc", "--model", model, "--seed", "1", "--epochs", "3");
            var t = train.RootElement;
            Assert.Equal(t.GetProperty("parameters").GetInt32(), row.GetProperty("parameters").GetInt32());
            Assert.Equal(t.GetProperty("testAccuracy").GetDouble(), row.GetProperty("testAccuracyMean").GetDouble());
            Assert.Equal(t.GetProperty("validationAccuracy").GetDouble(), row.GetProperty("validationAccuracyMean").GetDouble());
            Assert.Equal(t.GetProperty("bestEpoch").GetInt32(), row.GetProperty("selectedEpochs")[0].GetInt32());
        }
        Assert.Equal(25, rows[0].GetProperty("parameters").GetInt32());
        Assert.Equal(1.0, rows[0].GetProperty("paperAccuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("paperAccuracy").ValueKind);
    }

    [Fact]
    public void Cross_validation_reports_the_folds_mean_score_and_the_test_score_of_a_refit_on_the_whole_training_split()
    {
        var bench = CliRunner.Run("bench", "paper", "--datasets", "rp", "--models", "qsann", "--variants", "canonical", "--seeds", "1", "--epochs", "3",
            "--protocol", "cv", "--folds", "2", "--json", "--data-dir", SharedDatasets.Directory);
        Assert.True(bench.ExitCode == 0, bench.Error);
        using var json = JsonDocument.Parse(bench.Output);
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("cv", row.GetProperty("protocol").GetString());
        Assert.Equal(3, row.GetProperty("runsPerSeed").GetInt32());
        var epochs = row.GetProperty("selectedEpochs")[0].GetInt32();
        Assert.InRange(epochs, 1, 3);
        Assert.InRange(row.GetProperty("validationAccuracyMean").GetDouble(), 0.0, 1.0);

        // The refit is `train` without validation for the chosen number of epochs.
        using var refit = TrainJson("--dataset", "rp", "--seed", "1", "--validation-fraction", "0", "--epochs", epochs.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(refit.RootElement.GetProperty("testAccuracy").GetDouble(), row.GetProperty("testAccuracyMean").GetDouble());
        Assert.Equal(0, refit.RootElement.GetProperty("validationSentences").GetInt32());
        Assert.Equal(74, refit.RootElement.GetProperty("trainSentences").GetInt32());
    }

    [Fact]
    public void The_table_names_every_variant_and_marks_the_one_with_the_best_validation_score()
    {
        var bench = CliRunner.Run("bench", "paper", "--datasets", "mc", "--models", "qsann", "--seeds", "2", "--epochs", "2",
            "--custom", "slow=--lr 0.001", "--data-dir", SharedDatasets.Directory);
        Assert.True(bench.ExitCode == 0, bench.Error);
        Assert.Contains("canonical", bench.Output);
        Assert.Contains("slow", bench.Output);
        Assert.Contains("25", bench.Output);
        Assert.Contains("*", bench.Output);
        Assert.Contains("100.00%", bench.Output);
    }

    [Theory]
    [InlineData("--variants", "nonsense", "Unknown recipe 'nonsense'")]
    [InlineData("--custom", "broken", "NAME=OPTIONS")]
    [InlineData("--custom", "bad=--lr -1", "--lr must be a positive number")]
    [InlineData("--models", "gpt", "Unknown model 'gpt'")]
    public void Bad_benchmark_options_fail_with_one_clear_line_before_any_training(string option, string value, string expected)
    {
        var run = CliRunner.Run("bench", "paper", "--datasets", "mc", "--seeds", "1", option, value, "--data-dir", SharedDatasets.Directory);
        CliRunner.AssertFails(run, expected);
        Assert.Equal("", run.Output);
    }

    private static JsonDocument TrainJson(params string[] arguments)
    {
        using var folder = new TemporaryDirectory();
        var run = CliRunner.Run(["train", .. arguments, "--json", "--data-dir", SharedDatasets.Directory, "--output", Path.Combine(folder.Path, "run")]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output);
    }
}

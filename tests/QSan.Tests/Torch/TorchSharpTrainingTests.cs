using System.Text.Json;
using QSan.Benchmarks;
using QSan.Data;
using QSan.Evaluation;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Tests.Cli;
using QSan.Tests.Data;
using QSan.Tests.Training;
using QSan.Torch.Training;
using QSan.Training;

namespace QSan.Tests.Torch;

/// <summary>Training through TorchSharp (<c>--framework torchsharp</c>): the same run folders, checkpoints and resumption as QSan's own.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class TorchSharpTrainingTests
{
    static TorchSharpTrainingTests() => TorchSharpTraining.Register();

    private static TrainingOptions TorchSharp(TrainingOptions options) => options with { Framework = TrainingFramework.TorchSharp };

    [Theory]
    [InlineData(ModelKind.Qsann)]
    [InlineData(ModelKind.Csann)]
    public async Task A_run_interrupted_and_resumed_ends_bit_for_bit_like_an_uninterrupted_one(ModelKind kind)
    {
        using var folder = new TemporaryDirectory();
        // λ, AdamW's decay and word dropout exercise every part of the step and of the generator state.
        var options = TorchSharp(TrainingFixtures.Builtin(epochs: 4, kind: kind)) with { Lambda = 0.1, DecoupledWeightDecay = 0.1, WordDropout = 0.1 };
        var straight = Path.Combine(folder.Path, "straight");
        var interrupted = Path.Combine(folder.Path, "interrupted");
        await TrainingFixtures.TrainAsync(options, straight);
        using (var crash = new CancellationTokenSource())
        {
            var state = await TrainingFixtures.StartAsync(options, interrupted);
            Assert.IsType<TorchSharpClassifier>(state.Trainable);
            Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(state, new TrainingFixtures.StopAfter(2, crash), crash.Token));
        }
        var resumed = await TrainingRunState.ResumeAsync(interrupted, null, new TemplateCircuitSource());
        Assert.Equal(TrainingFramework.TorchSharp, resumed.Options.Framework);
        TrainingLoop.Run(resumed);
        TrainingFixtures.AssertSameTraining(
            CheckpointFile.Read(RunFolder.CheckpointPath(straight)),
            CheckpointFile.Read(RunFolder.CheckpointPath(interrupted)));
        foreach (var file in new[] { "metrics.json", "result.json", "training-curve.svg", "attention.svg" })
            Assert.True(File.Exists(Path.Combine(straight, file)), $"{file} missing");
    }

    [Fact]
    public async Task The_first_steps_of_both_frameworks_agree_to_rounding()
    {
        using var folder = new TemporaryDirectory();
        var own = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 1) with { Lambda = 0.1 }, Path.Combine(folder.Path, "qsan"));
        var torch = await TrainingFixtures.TrainAsync(TorchSharp(TrainingFixtures.Builtin(epochs: 1)) with { Lambda = 0.1 }, Path.Combine(folder.Path, "torchsharp"));
        var a = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "qsan")));
        var b = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "torchsharp")));
        Assert.Equal(a.Optimizer.StepCount, b.Optimizer.StepCount);
        foreach (var (name, values) in a.Weights)
            for (var i = 0; i < values.Length; i++)
                Assert.True(Math.Abs(values[i] - b.Weights[name][i]) < 1e-9, $"{name}[{i}]: {values[i]:R} against {b.Weights[name][i]:R}");
        Assert.Equal(own.TestAccuracy, torch.TestAccuracy);
    }

    [Fact]
    public async Task Yelp_with_the_same_seed_ends_within_one_point_of_test_accuracy_on_both_frameworks()
    {
        using var folder = new TemporaryDirectory();
        var options = TrainingPresets.Paper(DataSpec.Named("yelp", SharedDatasets.Directory));
        var own = await TrainingFixtures.TrainAsync(options, Path.Combine(folder.Path, "qsan"));
        var torch = await TrainingFixtures.TrainAsync(TorchSharp(options), Path.Combine(folder.Path, "torchsharp"));
        Assert.Equal(20, torch.EpochsRun);
        Assert.True(Math.Abs(own.TestAccuracy - torch.TestAccuracy) <= 0.01, $"QSan {own.TestAccuracy}, TorchSharp {torch.TestAccuracy}");
        Assert.InRange(torch.TestAccuracy, 0.7, 1.0);
    }

    [Fact]
    public async Task Evaluating_a_run_through_either_framework_gives_the_same_scores()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 2), dir);
        var circuits = new TemplateCircuitSource();
        var own = await ModelEvaluation.RunAsync(new EvaluationRequest(dir, BackendChoice.Native), circuits);
        var torch = await ModelEvaluation.RunAsync(new EvaluationRequest(dir, BackendChoice.Native, Framework: TrainingFramework.TorchSharp), circuits);
        Assert.Equal(own!.Scores.Select(s => s.Split), torch!.Scores.Select(s => s.Split));
        for (var i = 0; i < own.Scores.Count; i++)
        {
            Assert.Equal(own.Scores[i].Score.Accuracy, torch.Scores[i].Score.Accuracy);
            Assert.Equal(own.Scores[i].Score.Loss, torch.Scores[i].Score.Loss, 1e-10);
        }
    }

    [Fact]
    public void The_command_line_trains_with_torchsharp_and_records_the_choice_in_the_run_folder()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        var run = CliRunner.Run("train", "--epochs", "2", "--framework", "torchsharp", "--json", "--output", dir);
        Assert.True(run.ExitCode == 0, run.Error);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "config.json")));
        Assert.Equal("torchsharp", config.RootElement.GetProperty("options").GetProperty("framework").GetString());
        var evaluated = CliRunner.Run("evaluate", dir, "--framework", "qsan", "--json");
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
    }

    [Fact]
    public void An_unknown_framework_is_refused_naming_the_choices() =>
        CliRunner.AssertFails(CliRunner.Run("train", "--framework", "tensorflow"), "use qsan or torchsharp");
}

[Collection(LibTorchCollection.Name)]
public sealed class TorchSharpBenchPaperTests
{
    [Fact]
    public void Bench_paper_through_torchsharp_gives_the_rows_of_train_through_torchsharp()
    {
        var bench = CliRunner.Run("bench", "paper", "--datasets", "mc", "--models", "qsann", "--variants", "canonical", "--seeds", "1", "--epochs", "3",
            "--framework", "torchsharp", "--json", "--data-dir", SharedDatasets.Directory);
        Assert.True(bench.ExitCode == 0, bench.Error);
        using var json = JsonDocument.Parse(bench.Output);
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        using var folder = new TemporaryDirectory();
        var train = CliRunner.Run("train", "--dataset", "mc", "--seed", "1", "--epochs", "3", "--framework", "torchsharp", "--json",
            "--data-dir", SharedDatasets.Directory, "--output", Path.Combine(folder.Path, "run"));
        Assert.True(train.ExitCode == 0, train.Error);
        using var trained = JsonDocument.Parse(train.Output);
        Assert.Equal(trained.RootElement.GetProperty("testAccuracy").GetDouble(), row.GetProperty("testAccuracyMean").GetDouble());
        Assert.Equal(trained.RootElement.GetProperty("bestEpoch").GetInt32(), row.GetProperty("selectedEpochs")[0].GetInt32());
        Assert.Equal(TrainingFramework.TorchSharp, PaperBenchmark.OptionsFor(new PaperRunSpec("mc", ModelKind.Qsann, TrainingRecipes.Canonical, 1),
            framework: TrainingFramework.TorchSharp).Framework);
    }
}

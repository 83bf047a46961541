using System.Text.Json;
using QSan.Model;
using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class TrainingLoopTests
{
    [Fact]
    public async Task QSANN_learns_the_built_in_corpus_to_high_test_accuracy()
    {
        using var folder = new TemporaryDirectory();
        var result = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 10), folder.Path);
        // Chance is 50%; the corpus is separable by its verbs and objects, and QSANN gets there in a few epochs.
        Assert.True(result.TestAccuracy >= 0.9, $"test accuracy {result.TestAccuracy}");
        Assert.True(result.TrainAccuracy >= 0.9, $"train accuracy {result.TrainAccuracy}");
        Assert.Equal(25, result.Parameters);
    }

    [Fact]
    public async Task CSANN_learns_the_built_in_corpus_too()
    {
        using var folder = new TemporaryDirectory();
        var options = TrainingFixtures.Builtin(epochs: 10, kind: ModelKind.Csann);
        var result = await TrainingFixtures.TrainAsync(options with { Model = options.Model with { InitStd = 0.1, EmbeddingInitStd = 0.1 } }, folder.Path);
        Assert.True(result.TestAccuracy >= 0.9, $"test accuracy {result.TestAccuracy}");
    }

    [Fact]
    public async Task Validation_is_carved_from_the_training_split_and_the_test_split_is_left_alone()
    {
        using var folder = new TemporaryDirectory();
        var state = await TrainingFixtures.StartAsync(TrainingFixtures.Builtin(), folder.Path);
        Assert.Equal(128, state.Train.Count);
        Assert.Equal(32, state.Validation.Count);
        Assert.Equal(40, state.Test.Count);
        Assert.Empty(state.Train.Texts.Intersect(state.Validation.Texts));
        Assert.Empty(state.Train.Texts.Intersect(state.Test.Texts));
    }

    [Fact]
    public async Task Without_improvement_on_validation_the_run_stops_after_the_patience_and_keeps_the_best_epoch()
    {
        using var folder = new TemporaryDirectory();
        // A learning rate this small leaves every weight as it was, so no epoch beats the first.
        var options = TrainingFixtures.Builtin(epochs: 10) with { LearningRate = 1e-300, Patience = 2 };
        var result = await TrainingFixtures.TrainAsync(options, folder.Path);
        Assert.Equal(3, result.EpochsRun);
        Assert.Equal(1, result.BestEpoch);
        Assert.Contains("early stopping", result.StopReason);
        var checkpoint = CheckpointFile.Read(RunFolder.CheckpointPath(folder.Path));
        Assert.Equal(TrainingStop.EarlyStopped, checkpoint.Stop);
        await Assert.ThrowsAsync<ArgumentException>(() => TrainingRunState.ResumeAsync(folder.Path, 20, new TemplateCircuitSource()));
    }

    [Fact]
    public async Task A_finished_run_folder_holds_the_checkpoint_metrics_result_and_figures()
    {
        using var folder = new TemporaryDirectory();
        var result = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 3), folder.Path);
        foreach (var file in new[] { RunFolder.CheckpointFileName, RunFolder.ConfigFileName, RunFolder.MetricsFileName, RunFolder.ResultFileName, RunFolder.TrainingCurveFileName, RunFolder.AttentionFileName })
            Assert.True(File.Exists(Path.Combine(folder.Path, file)), file);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, RunFolder.MetricsFileName)));
        Assert.Equal(3, metrics.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal(result.BestEpoch, metrics.RootElement.GetProperty("bestEpoch").GetInt32());
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, RunFolder.ResultFileName)));
        Assert.Equal(result.TestAccuracy, saved.RootElement.GetProperty("testAccuracy").GetDouble());
    }

    [Fact]
    public async Task Evaluating_the_saved_run_reproduces_its_reported_accuracies()
    {
        using var folder = new TemporaryDirectory();
        var result = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 3), folder.Path);
        var state = await TrainingRunState.OpenAsync(folder.Path, new TemplateCircuitSource());
        Assert.Equal(result.TestAccuracy, TrainingLoop.Evaluate(state.Model, state.Test, LossKind.Mse).Accuracy);
        Assert.Equal(result.TrainAccuracy, TrainingLoop.Evaluate(state.Model, state.Train, LossKind.Mse).Accuracy);
    }
}

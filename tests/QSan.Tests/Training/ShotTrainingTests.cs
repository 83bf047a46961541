using QSan.Quantum.Engine;
using QSan.Model;
using QSan.Tests.Cli;
using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

/// <summary>Training with <see cref="Backend.Shots"/>: expectations from local shots, gradients by parameter shift through them.</summary>
public sealed class ShotTrainingTests
{
    private static TrainingOptions OnShots(int epochs, int shots = 100) => TrainingFixtures.Builtin(epochs) with { Backend = Backend.Shots, Shots = shots };

    [Fact]
    public async Task A_run_on_shots_interrupted_and_resumed_ends_bit_for_bit_like_an_uninterrupted_run()
    {
        using var folder = new TemporaryDirectory();
        var straight = Path.Combine(folder.Path, "straight");
        var interrupted = Path.Combine(folder.Path, "interrupted");
        await TrainingFixtures.TrainAsync(OnShots(3), straight);

        using (var crash = new CancellationTokenSource())
        {
            var state = await TrainingFixtures.StartAsync(OnShots(3), interrupted);
            Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(state, new TrainingFixtures.StopAfter(1, crash), crash.Token));
        }
        TrainingLoop.Run(await TrainingRunState.ResumeAsync(interrupted, null, new TemplateCircuitSource()));

        TrainingFixtures.AssertSameTraining(
            CheckpointFile.Read(RunFolder.CheckpointPath(straight)),
            CheckpointFile.Read(RunFolder.CheckpointPath(interrupted)));
    }

    [Fact]
    public async Task Training_on_shots_lowers_the_loss_with_weights_that_differ_from_exact_training()
    {
        using var folder = new TemporaryDirectory();
        var shots = await TrainingFixtures.TrainAsync(OnShots(3), Path.Combine(folder.Path, "shots"));
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 3), Path.Combine(folder.Path, "exact"));

        Assert.Equal("shots:100", shots.Backend);
        var history = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "shots"))).History;
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss, $"loss {history[0].TrainLoss} → {history[^1].TrainLoss}");
        var sampled = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "shots"))).Weights["layer0.head0"];
        var exact = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "exact"))).Weights["layer0.head0"];
        // Shot noise, not rounding: after 3 epochs on 100 shots per expectation the largest of these weights is 0.24 away
        // from exact training's (0.06 on 10,000 shots); shots that were not really sampled would leave only rounding.
        var largest = sampled.Zip(exact, (s, e) => Math.Abs(s - e)).Max();
        Assert.True(largest > 0.01, $"The shot run's weights are within {largest:E2} of exact training's.");
    }

    [Fact]
    public async Task A_run_trained_on_shots_can_be_scored_exactly()
    {
        using var folder = new TemporaryDirectory();
        await TrainingFixtures.TrainAsync(OnShots(1), folder.Path);

        var sampled = await TrainingRunState.OpenAsync(folder.Path, new TemplateCircuitSource());
        var exact = await TrainingRunState.OpenAsync(folder.Path, new TemplateCircuitSource(), BackendChoice.Native);

        // The options are the run's; the engine is the one asked for.
        Assert.Equal("shots:100", sampled.Options.BackendName);
        Assert.Equal("shots:100", exact.Options.BackendName);
        Assert.IsType<NativeEngine>(((QsannModel)exact.Model).Quantum.Engine);
        var sampledLoss = TrainingLoop.Evaluate(sampled.Model, sampled.Test, sampled.Options.Loss).Loss;
        var exactLoss = TrainingLoop.Evaluate(exact.Model, exact.Test, exact.Options.Loss).Loss;
        // Sampled, not exact: 100 shots per expectation move the test loss by far more than rounding, and not far.
        var gap = Math.Abs(exactLoss - sampledLoss);
        Assert.True(gap is > 1e-6 and < 0.02, $"exact {exactLoss}, sampled {sampledLoss}");
    }

    [Fact]
    public void The_command_line_trains_on_shots_and_leaves_Azure_targets_to_evaluate()
    {
        using var folder = new TemporaryDirectory();
        var run = CliRunner.Run("train", "--backend", "shots:50", "--epochs", "1", "--json", "--output", Path.Combine(folder.Path, "run"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"backend\":\"shots:50\"", run.Output);

        CliRunner.AssertFails(CliRunner.Run("train", "--backend", "azure:ionq.simulator", "--output", Path.Combine(folder.Path, "azure")), "evaluate --backend azure:<target>");
        CliRunner.AssertFails(CliRunner.Run("train", "--backend", "shots:none", "--output", Path.Combine(folder.Path, "bad")), "shots:<count>");
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "azure")));
    }

    [Theory]
    [InlineData(ModelKind.Qsann, Backend.Shots, 0, "at least one shot")]
    [InlineData(ModelKind.Csann, Backend.Shots, 100, "CSANN has none")]
    [InlineData(ModelKind.Qsann, Backend.Native, 100, "only applies to the shots backend")]
    public void Inconsistent_shot_settings_are_rejected(ModelKind kind, Backend backend, int shots, string message)
    {
        var options = TrainingFixtures.Builtin(kind: kind) with { Backend = backend, Shots = shots };
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => options.Validate()).Message);
    }
}

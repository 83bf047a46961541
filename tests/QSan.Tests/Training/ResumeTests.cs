using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class ResumeTests
{
    [Fact]
    public async Task A_run_interrupted_after_two_epochs_and_resumed_to_four_ends_bit_for_bit_like_an_uninterrupted_run()
    {
        using var folder = new TemporaryDirectory();
        var options = TrainingFixtures.Builtin(epochs: 4);
        var straight = Path.Combine(folder.Path, "straight");
        var interrupted = Path.Combine(folder.Path, "interrupted");
        await TrainingFixtures.TrainAsync(options, straight);

        using (var crash = new CancellationTokenSource())
        {
            var state = await TrainingFixtures.StartAsync(options, interrupted);
            Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(state, new TrainingFixtures.StopAfter(2, crash), crash.Token));
        }
        var halfway = CheckpointFile.Read(RunFolder.CheckpointPath(interrupted));
        Assert.Equal(2, halfway.Epoch);
        Assert.Null(halfway.Result);

        var resumed = await TrainingRunState.ResumeAsync(interrupted, null, new TemplateCircuitSource());
        Assert.Equal(2, resumed.Epoch);
        TrainingLoop.Run(resumed);

        TrainingFixtures.AssertSameTraining(
            CheckpointFile.Read(RunFolder.CheckpointPath(straight)),
            CheckpointFile.Read(RunFolder.CheckpointPath(interrupted)));
    }

    [Fact]
    public async Task A_completed_run_extended_with_more_epochs_ends_like_a_run_that_asked_for_them_at_the_start()
    {
        using var folder = new TemporaryDirectory();
        var four = Path.Combine(folder.Path, "four");
        var extended = Path.Combine(folder.Path, "extended");
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 4), four);
        var twoEpochs = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 2), extended);
        Assert.Equal(2, twoEpochs.EpochsRun);

        var state = await TrainingRunState.ResumeAsync(extended, 4, new TemplateCircuitSource());
        var result = TrainingLoop.Run(state);
        Assert.Equal(4, result.EpochsRun);
        var expected = CheckpointFile.Read(RunFolder.CheckpointPath(four));
        var actual = CheckpointFile.Read(RunFolder.CheckpointPath(extended));
        // The options differ only in the epoch count they were started with; the training itself is identical.
        TrainingFixtures.AssertSameTraining(expected, actual);
    }

    [Fact]
    public async Task Resuming_a_finished_run_returns_its_result_without_training_again()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        var first = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 2), dir);
        var state = await TrainingRunState.ResumeAsync(dir, null, new TemplateCircuitSource());
        Assert.Equal(first, TrainingLoop.Run(state));
    }

    [Fact]
    public async Task A_new_run_refuses_a_folder_that_already_holds_one()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 1), dir);
        var error = await Assert.ThrowsAsync<CheckpointException>(() => TrainingFixtures.StartAsync(TrainingFixtures.Builtin(epochs: 1), dir));
        Assert.Contains("continue it with TrainingRunState.ResumeAsync", error.Message);
    }
}

using QSan.Model;
using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(ModelKind.Qsann)]
    [InlineData(ModelKind.Csann)]
    public async Task Two_runs_with_the_same_seed_give_identical_numbers(ModelKind kind)
    {
        using var folder = new TemporaryDirectory();
        var options = TrainingFixtures.Builtin(epochs: 3, kind: kind);
        await TrainingFixtures.TrainAsync(options, Path.Combine(folder.Path, "a"));
        await TrainingFixtures.TrainAsync(options, Path.Combine(folder.Path, "b"));
        TrainingFixtures.AssertSameTraining(
            CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "a"))),
            CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "b"))));
    }

    [Fact]
    public async Task Another_seed_gives_other_weights()
    {
        using var folder = new TemporaryDirectory();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 1, seed: 1), Path.Combine(folder.Path, "a"));
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 1, seed: 2), Path.Combine(folder.Path, "b"));
        var a = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "a")));
        var b = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "b")));
        Assert.NotEqual(a.Weights["head.weight"], b.Weights["head.weight"]);
    }

    [Fact]
    public void The_generator_continues_its_sequence_from_a_saved_state()
    {
        var random = new TrainingRandom(TrainingRandom.DeriveSeed(7, 3));
        for (var i = 0; i < 5; i++) random.NextUInt64();
        var restored = new TrainingRandom(random.State);
        for (var i = 0; i < 100; i++) Assert.Equal(random.NextUInt64(), restored.NextUInt64());
        for (var i = 0; i < 1000; i++) Assert.InRange(random.Next(7), 0, 6);
        Assert.NotEqual(TrainingRandom.DeriveSeed(7, 1), TrainingRandom.DeriveSeed(7, 2));
    }
}

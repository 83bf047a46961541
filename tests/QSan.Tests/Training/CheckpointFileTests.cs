using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class CheckpointFileTests
{
    [Fact]
    public async Task A_checkpoint_reads_back_exactly_what_was_written()
    {
        using var folder = new TemporaryDirectory();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 2), folder.Path);
        var original = CheckpointFile.Read(RunFolder.CheckpointPath(folder.Path));
        var copy = Path.Combine(folder.Path, "copy.qsan");
        CheckpointFile.Write(copy, original);
        var again = CheckpointFile.Read(copy);
        TrainingFixtures.AssertSameTraining(original, again);
        Assert.Equal(original.Options, again.Options);
        Assert.Equal(original.Vocabulary, again.Vocabulary);
        Assert.Equal(original.History, again.History);
        Assert.Equal(File.ReadAllBytes(RunFolder.CheckpointPath(folder.Path)), File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_rejected_with_its_name()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Write("model.qsan", "{ \"weights\": [] }");
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(path));
        Assert.Contains("not a QSan checkpoint", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_truncated_checkpoint_is_reported_as_damaged()
    {
        using var folder = new TemporaryDirectory();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 1), folder.Path);
        var bytes = File.ReadAllBytes(RunFolder.CheckpointPath(folder.Path));
        var path = Path.Combine(folder.Path, "cut.qsan");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(path));
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void A_missing_checkpoint_is_reported_with_its_path()
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read("/nonexistent/run/checkpoint.qsan"));
        Assert.Contains("/nonexistent/run/checkpoint.qsan", error.Message);
    }
}

using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class UserFilesTests
{
    [Fact]
    public void A_user_training_file_alone_gets_a_stratified_test_split()
    {
        using var dir = new TemporaryDirectory();
        var lines = Enumerable.Range(0, 20).Select(i => $"sentence number {i}\t{i % 2}");
        var train = dir.Write("mine.tsv", string.Join("\r\n", lines) + "\r\n\r\n");
        var splits = DatasetSplits.FromFiles(train, null, null, seed: 9);
        Assert.Equal(16, splits.Train.Count);
        Assert.Equal(4, splits.Test.Count);
        Assert.Equal(2, splits.Test.Count(s => s.Label == 1));
        Assert.Equal(splits.Test, DatasetSplits.FromFiles(train, null, null, seed: 9).Test);
    }

    [Fact]
    public void User_files_in_different_formats_can_be_combined()
    {
        using var dir = new TemporaryDirectory();
        var train = dir.Write("train.txt", "1 chef cooks soup .\n0 coder writes code .\n");
        var validation = dir.Write("dev.tsv", "chef bakes bread\t1\n");
        var test = dir.Write("test.txt", "0 coder runs server .");
        var splits = DatasetSplits.FromFiles(train, validation, test, seed: 0);
        Assert.Equal(2, splits.Train.Count);
        Assert.Equal(new LabelledSentence("chef bakes bread", 1), Assert.Single(splits.Validation!));
        Assert.Equal(new LabelledSentence("coder runs server .", 0), Assert.Single(splits.Test));
    }
}

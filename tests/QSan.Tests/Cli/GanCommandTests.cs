using QSan.Tests.Data;
using QSan.Tests.Torch;

namespace QSan.Tests.Cli;

/// <summary><c>gan train</c>, <c>gan sample</c> and <c>bench gan</c> from the command line.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class GanCommandTests
{
    [Fact]
    public void Gan_train_and_gan_sample_write_a_run_folder_and_a_grid_and_bad_input_is_one_clear_line()
    {
        using var dir = new TemporaryDirectory();
        ImageDataTests.WriteIdxFolder(dir.Path, train: 16, test: 20, rows: 8, columns: 8);
        var run = Path.Combine(dir.Path, "run");
        var train = CliRunner.Run("gan", "train", "--data", dir.Path, "--attention", "classical-matched", "--epochs", "1", "--batch-size", "8", "--channels", "4", "-o", run);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("Fréchet distance", train.Output);
        Assert.Contains("attention block", train.Output);
        var sample = CliRunner.Run("gan", "sample", run, "--count", "9");
        Assert.True(sample.ExitCode == 0, sample.Error);
        Assert.True(File.Exists(Path.Combine(run, "sample-9.png")));
        var resumed = CliRunner.Run("gan", "train", "--resume", run, "--epochs", "2", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("\"epochsToThreshold\":", resumed.Output);
        CliRunner.AssertFails(CliRunner.Run("gan", "sample", Path.Combine(dir.Path, "nothing")), "holds no GAN checkpoint");
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--data", "cifar", "--epochs", "1"), "Unknown image dataset 'cifar'");
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--epochs", "1"), "Name the images (--data)");
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--data", "digits", "--lr-g", "-1"), "--lr-g must be a positive number");
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--resume", run, "--epochs", "1"), "--epochs 1 would go back");
        CliRunner.AssertFails(CliRunner.Run("bench", "gan", "--kinds", "transformer"), "Unknown attention kind 'transformer'");
    }
}

using QSan.Tests.Data;

namespace QSan.Tests.Cli;

public sealed class CompareCommandTests
{
    [Fact]
    public void Compare_prints_the_engines_agreeing_and_the_speed_of_each_on_the_same_tokens()
    {
        var run = CliRunner.Run("compare", "--qubits", "2", "--depth", "1", "--tokens", "3");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Largest difference over 3 tokens × 8 observables", run.Output);
        Assert.Contains("(identical to 1e-9)", run.Output);
        Assert.Matches(@"Q# simulator: [\d,]+ tokens/s \(exact dumps, one Q# call per branch\); native engine: [\d,]+ tokens/s on the same 3 tokens; ratio [\d,]+×", run.Output);
    }

    [Fact]
    public void Compare_without_tokens_is_an_error_that_names_them()
    {
        CliRunner.AssertFails(CliRunner.Run("compare", "--qubits", "2", "--depth", "1", "--tokens", "0"), "--tokens must be at least 1");
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("circuits")]
    public void A_missing_QSharp_project_is_one_line_naming_the_folder(string command)
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, "no-such-project");

        CliRunner.AssertFails(CliRunner.Run(command, "--quantum-dir", missing), "no-such-project");
    }
}

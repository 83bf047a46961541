using QSan.Cli;
using QSan.Tests.Data;
using Spectre.Console;

namespace QSan.Tests.Cli;

public sealed class CliOutputTests
{
    private const char Escape = '\u001b';

    [Fact]
    public void Training_on_plain_writers_prints_no_escape_codes_and_whole_header_lines()
    {
        using var folder = new TemporaryDirectory();
        // A folder name longer than any terminal: its header line must still come out whole.
        var dir = Path.Combine([folder.Path, .. Enumerable.Repeat("a-long-run-folder-name", 12)]);
        var run = CliRunner.Run("train", "--epochs", "2", "--output", dir);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain(Escape, run.Output);
        Assert.DoesNotContain(Escape, run.Error);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToList();
        Assert.Contains("  folder     " + Path.GetFullPath(dir), lines);
        Assert.Contains(lines, l => l.EndsWith("parameters outside the embeddings (+ 264 embedding values)", StringComparison.Ordinal) && l.Contains("25", StringComparison.Ordinal));
        Assert.Contains("  sentences  128 train, 32 validation, 40 test", lines);
        Assert.Contains(lines, l => l.StartsWith("test accuracy", StringComparison.Ordinal) && l.EndsWith("scored once with the weights of epoch 2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_lists_the_commands_and_leaves_train_s_options_to_train_help()
    {
        var root = CliRunner.Run("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("Commands:", root.Output);
        Assert.Contains("evaluate", root.Output);
        Assert.DoesNotContain("--dataset", root.Output);

        var train = CliRunner.Run("train", "--help");
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("--dataset", train.Output);
    }

    [Fact]
    public void Options_without_a_command_are_train_s()
    {
        using var folder = new TemporaryDirectory();
        var run = CliRunner.Run("--epochs", "1", "--json", "--output", Path.Combine(folder.Path, "run"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"testAccuracy\"", run.Output);
    }

    [Fact]
    public void The_plain_console_writes_markup_as_text_on_one_line_however_long()
    {
        var output = new StringWriter();
        var console = CliContext.PlainConsole(output);
        var words = string.Join(' ', Enumerable.Repeat("word", 500));
        console.MarkupLine($"[bold red]{words}[/]");
        Assert.Equal(words + Environment.NewLine, output.ToString());
        Assert.False(console.Profile.Capabilities.Interactive);
        Assert.False(console.Profile.Capabilities.Ansi);
    }

    [Fact]
    public void Azure_commands_write_through_the_contexts_console_and_their_errors_to_its_standard_error()
    {
        var targets = CliRunner.Run("azure", "targets", "--offline");
        Assert.Equal(0, targets.ExitCode);
        Assert.Contains("ionq.simulator", targets.Output);
        Assert.DoesNotContain(Escape, targets.Output);

        using var folder = new TemporaryDirectory();
        var unknown = CliRunner.Run("azure", "submit", "--target", "nowhere.qpu", "--dry-run", folder.Path);
        CliRunner.AssertFails(unknown, "nowhere.qpu");
        Assert.Equal("", unknown.Output);
    }
}

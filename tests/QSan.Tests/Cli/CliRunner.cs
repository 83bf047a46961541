using QSan.Cli;
using QSan.Tests.Training;

namespace QSan.Tests.Cli;

/// <summary>Runs the command line in process with captured output (QSANN's circuits built in C#, so no Node unless asked).</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(useQSharp: false, args);

    public static (int ExitCode, string Output, string Error) Run(bool useQSharp, params string[] args) => RunIn(useQSharp, null, args);

    /// <summary>Runs with runs lacking <c>--output</c> placed under <paramref name="runsDirectory"/>.</summary>
    public static (int ExitCode, string Output, string Error) RunIn(bool useQSharp, string? runsDirectory, params string[] args) =>
        RunWith(useQSharp, context => runsDirectory is null ? context : context with { RunsDirectory = runsDirectory }, args);

    /// <summary>Runs with the context <paramref name="configure"/> returns (e.g. pointed at a fake Azure service).</summary>
    public static (int ExitCode, string Output, string Error) RunWith(bool useQSharp, Func<CliContext, CliContext> configure, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = useQSharp
            ? CliContext.ForWriters(output, error)
            : CliContext.ForWriters(output, error, _ => new TemplateCircuitSource());
        var code = Program.Run(args, configure(context));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts a failed command: non-zero exit, one line on standard error containing <paramref name="expected"/>, no stack trace.</summary>
    public static void AssertFails((int ExitCode, string Output, string Error) run, string expected)
    {
        Assert.NotEqual(0, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr, got:\n{run.Error}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", run.Error);
    }
}

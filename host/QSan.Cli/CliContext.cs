using QSan.Quantum.Qsann;
using QSan.Azure.Service;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// Where the training commands write and where they get circuits from; <see cref="Program"/> passes the process's
/// console, tests pass string writers (and may pass another circuit source, or the Azure client's transport).
/// </summary>
/// <param name="Output">Standard output (results, tables, <c>--json</c>).</param>
/// <param name="Error">Standard error (error messages).</param>
/// <param name="Console">Spectre's view of <paramref name="Output"/> (tables, live progress).</param>
/// <param name="CircuitSource">Opens the circuit source for a Q# project folder (null: the repository's).</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, IAnsiConsole Console, Func<string?, ICircuitSource> CircuitSource)
{
    /// <summary>Where runs without <c>--output</c> get their folder.</summary>
    public string RunsDirectory { get; init; } = "runs";

    /// <summary>Azure.Core options of the Azure Quantum client (null: the defaults); tests pass a transport that trusts their loopback fake.</summary>
    public QuantumClientOptions? AzureClientOptions { get; init; }

    /// <summary>The process's console and the Q# project's circuits.</summary>
    public static CliContext ForConsole() =>
        new(System.Console.Out, System.Console.Error, AnsiConsole.Console, dir => new QSharpCircuitSource(dir));

    /// <summary>Plain (no colours, not interactive) writers, e.g. for tests.</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error, Func<string?, ICircuitSource>? circuitSource = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        return new CliContext(output, error, console, circuitSource ?? (dir => new QSharpCircuitSource(dir)));
    }
}

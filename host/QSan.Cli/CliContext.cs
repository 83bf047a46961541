using QSan.Azure.Connection;
using QSan.Azure.Service;
using QSan.Quantum.Qsann;
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

    /// <summary>
    /// Lines of plain output are never wrapped below this width: wider than any line QSan writes, yet finite, so an
    /// element that fills the console's width stays bounded.
    /// </summary>
    public const int PlainWidth = 1 << 16;

    /// <summary>
    /// The process's console and the Q# project's circuits: colours and live progress on a terminal, plain text (no
    /// ANSI codes, no live display, no wrapping at an assumed width) when standard output is redirected to a file or pipe.
    /// </summary>
    public static CliContext ForConsole() =>
        new(System.Console.Out, System.Console.Error, System.Console.IsOutputRedirected ? PlainConsole(System.Console.Out) : AnsiConsole.Console,
            dir => new QSharpCircuitSource(dir));

    /// <summary>Plain (no colours, not interactive) writers, e.g. for tests.</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error, Func<string?, ICircuitSource>? circuitSource = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return new CliContext(output, error, PlainConsole(output), circuitSource ?? (dir => new QSharpCircuitSource(dir)));
    }

    /// <summary>A Spectre console on <paramref name="output"/> that writes plain text: no colours, not interactive, <see cref="PlainWidth"/> wide.</summary>
    public static IAnsiConsole PlainConsole(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        return console;
    }
}

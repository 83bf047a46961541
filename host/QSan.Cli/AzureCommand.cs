using System.CommandLine;

namespace QSan.Cli;

/// <summary>
/// <c>azure</c>: QSan's circuits on Azure Quantum — <c>targets</c>, <c>submit</c> (with <c>--dry-run</c>), <c>status</c>,
/// <c>results</c>, <c>cancel</c>, <c>sessions</c> — and <c>accuracy</c>, the offline shot-noise study.
/// </summary>
public static class AzureCommand
{
    /// <summary>Builds the command; its subcommands write through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context) => new("azure", "Run the Q# circuits on Azure Quantum (IonQ, Quantinuum): targets, submit, status, results, cancel, sessions, accuracy.")
    {
        AzureTargetsCommand.Create(context),
        AzureSubmitCommand.Create(context),
        AzureJobCommands.Status(context),
        AzureJobCommands.Results(context),
        AzureJobCommands.Cancel(context),
        AzureSessionsCommand.Create(context),
        AzureAccuracyCommand.Create(context),
    };
}

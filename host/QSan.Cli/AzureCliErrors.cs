using Azure.Identity;
using QSan.Azure.Engines;
using QSan.Azure.Service;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>Runs an <c>azure</c> command and turns the errors people can act on into one red line and an exit code.</summary>
public static class AzureCliErrors
{
    /// <summary>Exit code when a submission was not confirmed.</summary>
    public const int Declined = 2;

    /// <summary>Runs <paramref name="action"/>; 1 on errors, <see cref="Declined"/> when a cost was not confirmed.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SubmissionDeclinedException e)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(e.Message)}[/]");
            return Declined;
        }
        catch (Exception e) when (e is QSanException or AuthenticationFailedException or CredentialUnavailableException or ArgumentException
            or IOException)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(SasRedaction.Redact(e.Message))}");
            return 1;
        }
    }
}

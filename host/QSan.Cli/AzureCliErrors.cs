using Azure.Identity;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Service;

namespace QSan.Cli;

/// <summary>Runs an <c>azure</c> command and turns the errors people can act on into one line on standard error (in flags, <see cref="SettingFlags"/>) and an exit code.</summary>
public static class AzureCliErrors
{
    /// <summary>Exit code when a submission was not confirmed.</summary>
    public const int Declined = 2;

    /// <summary>Runs <paramref name="action"/>; 1 on errors, <see cref="Declined"/> when a cost was not confirmed (both told on <paramref name="context"/>'s standard error).</summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SubmissionDeclinedException e)
        {
            await context.Error.WriteLineAsync(SettingFlags.ToFlags(e.Message)).ConfigureAwait(false);
            return Declined;
        }
        catch (Exception e) when (e is QSanException or AuthenticationFailedException or CredentialUnavailableException or ArgumentException
            or IOException)
        {
            await context.Error.WriteLineAsync("error: " + SettingFlags.ToFlags(SasRedaction.Redact(e.Message))).ConfigureAwait(false);
            return 1;
        }
    }
}

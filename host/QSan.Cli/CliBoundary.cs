using Azure.Identity;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Service;

namespace QSan.Cli;

/// <summary>
/// Runs a command's body and turns every failure into one line on standard error and a non-zero exit code: users see
/// what is wrong (file and line, unknown name, missing folder), never a stack trace. <c>QSAN_DEBUG=1</c> adds the trace.
/// </summary>
public static class CliBoundary
{
    /// <summary>Exit code of a failed command.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a run interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Runs <paramref name="body"/> and maps exceptions to messages and exit codes.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        // Return to System.CommandLine at once, so it registers its Ctrl+C handler before the (synchronous) work
        // starts; otherwise Ctrl+C would kill the process instead of cancelling the token.
        await Task.Yield();
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return Interrupted;
        }
        catch (SubmissionDeclinedException e)
        {
            // Not a failure: the user is shown the cost and asked to confirm it, as `azure submit` does.
            await error.WriteLineAsync(SettingFlags.ToFlags(e.Message)).ConfigureAwait(false);
            return AzureCliErrors.Declined;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync("error: " + Describe(e)).ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("QSAN_DEBUG") == "1") await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            return Failure;
        }
    }

    /// <summary>
    /// A one-line description, in flags (<see cref="SettingFlags"/>): the message alone for the errors users cause (every <see cref="QSanException"/>, and the
    /// .NET errors about arguments, files, formats and Azure sign-in), the message and the type for anything else.
    /// </summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) return Describe(aggregate.InnerExceptions[0]);
        var message = SettingFlags.ToFlags(OneLine(SasRedaction.Redact(e.Message)));
        return e switch
        {
            FileNotFoundException { FileName: { } file } when !message.Contains(file, StringComparison.Ordinal) => $"file not found: {file}",
            QSanException => message,
            ArgumentException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException
                or FormatException or AuthenticationFailedException or CredentialUnavailableException => message,
            _ => $"{message} ({e.GetType().Name})",
        };
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

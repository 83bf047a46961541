using QSan.Azure.Service;
using QSan.Azure.Targets;

namespace QSan.Azure.Engines;

/// <summary>How an <see cref="AzureShotBackend"/> submits and waits.</summary>
/// <param name="Wait">Polling and timeout.</param>
/// <param name="MaxQubits">Register size to pack into (default: the limit of the mode the jobs run in, <see cref="RegisterLimit.For"/>; more is refused).</param>
/// <param name="JobNamePrefix">Job names are this plus the program index.</param>
/// <param name="Confirm">Shown the size and cost of every submission before anything is sent; false stops it.</param>
/// <param name="Progress">Receives one line per event (submitted, status changes, results).</param>
/// <param name="SessionId">Submit the jobs into this session (null: no session).</param>
/// <param name="Submitted">Told of every job as soon as it is submitted (e.g. to cancel them all on Ctrl+C).</param>
/// <param name="Cancellation">Stops submitting and waiting, besides the token a caller passes (the plain engine interface passes none).</param>
/// <param name="Session">The session the jobs go into, renewed after a pause past Azure's idle timeout (<see cref="AzureSession.ForNextJobsAsync"/>); overrides <paramref name="SessionId"/>, and records each job.</param>
/// <param name="FailedOutputDirectory">Where the output of a job that failed with output is kept (null: <see cref="DefaultFailedOutputDirectory"/>).</param>
public sealed record AzureBackendOptions(JobWaitOptions Wait, int? MaxQubits = null, string JobNamePrefix = "qsan",
    Func<SubmissionEstimate, bool>? Confirm = null, IProgress<string>? Progress = null, string? SessionId = null,
    Action<JobDetails>? Submitted = null, CancellationToken Cancellation = default, string? FailedOutputDirectory = null, AzureSession? Session = null)
{
    /// <summary><c>$XDG_STATE_HOME/qsan/azure/failed-jobs</c>, else <c>~/.local/state/qsan/azure/failed-jobs</c>.</summary>
    public static string DefaultFailedOutputDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var state = environment("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "qsan", "azure", "failed-jobs");
    }
}

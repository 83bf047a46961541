using System.Collections.Concurrent;
using QSan.Azure.Service;
using QSan.Azure.Targets;

namespace QSan.Azure.Engines;

/// <summary>
/// The jobs one command sends to a target, grouped in an Azure Quantum session (REST spec Sessions_Open / Sessions_Close;
/// azure-quantum-python Workspace.open_session), which the provider schedules together. The session is opened with the
/// job failure policy "Abort" (after a failed job the service refuses the session's later jobs, so a broken evaluation
/// stops spending) and closed when this object is disposed — at the end, after an error, or after Ctrl+C. Work run
/// through <see cref="RunAsync{T}"/> that is cancelled (Ctrl+C) first says so, then cancels every job this command
/// submitted that has not finished, instead of leaving them running and billing.
/// </summary>
public sealed class AzureSession : IAsyncDisposable
{
    /// <summary>The job failure policy QSan opens sessions with.</summary>
    public const string FailurePolicy = "Abort";

    private readonly QuantumServiceClient client;
    private readonly Action<string> info;
    private readonly ConcurrentQueue<string> submitted = new();
    private bool closed;

    private AzureSession(QuantumServiceClient client, SessionDetails details, Action<string> info)
    {
        this.client = client;
        this.info = info;
        Details = details;
    }

    /// <summary>The session as the service returned it when opened.</summary>
    public SessionDetails Details { get; }

    /// <summary>The session id.</summary>
    public string Id => Details.Id!;

    /// <summary>Ids of the jobs submitted in this session by this command, in order.</summary>
    public IReadOnlyList<string> SubmittedJobs => [.. submitted];

    /// <summary>Opens a session named <paramref name="name"/> on <paramref name="target"/>.</summary>
    public static async Task<AzureSession> OpenAsync(QuantumServiceClient client, TargetInfo target, string name, Action<string>? info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        info ??= _ => { };
        var details = await client.OpenSessionAsync(name, target, FailurePolicy, cancellationToken).ConfigureAwait(false);
        info($"Opened session {details.Id} ({name}) on {target.Id}; its jobs are scheduled together.");
        return new AzureSession(client, details, info);
    }

    /// <summary>Records a job submitted in this session (pass as <see cref="AzureBackendOptions.Submitted"/>).</summary>
    public void Add(JobDetails job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Id is { } id) submitted.Enqueue(id);
    }

    /// <summary>Runs <paramref name="work"/>; if it is cancelled, cancels the jobs this command submitted (after saying so) and rethrows.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (IsCancellation(e))
        {
            await CancelSubmittedAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks the service to cancel every job of <see cref="SubmittedJobs"/> that has not finished; reports each.</summary>
    public async Task CancelSubmittedAsync()
    {
        var ids = SubmittedJobs;
        if (ids.Count == 0) return;
        info($"Interrupted: cancelling the {ids.Count} job(s) this command submitted, so they stop running and billing.");
        foreach (var id in ids)
        {
            try
            {
                var job = await client.GetJobAsync(id, CancellationToken.None).ConfigureAwait(false);
                if (JobStatuses.IsTerminal(job.Status))
                {
                    info($"  job {id}: already {job.Status}.");
                    continue;
                }
                await client.CancelJobAsync(id, CancellationToken.None).ConfigureAwait(false);
                info($"  job {id}: cancellation requested (was {job.Status}).");
            }
            catch (AzureQuantumException e)
            {
                info($"  job {id}: could not be cancelled ({e.Message}); stop it with `qsan azure cancel {id}`.");
            }
        }
    }

    /// <summary>Closes the session (once); a failure to close is reported, not thrown, so it never hides the real outcome.</summary>
    public async ValueTask DisposeAsync()
    {
        if (closed) return;
        closed = true;
        try
        {
            var details = await client.CloseSessionAsync(Id, CancellationToken.None).ConfigureAwait(false);
            info($"Closed session {Id} ({SubmittedJobs.Count} job(s){(details.Status is { } s ? $", {s}" : "")}).");
        }
        catch (AzureQuantumException e)
        {
            info($"Could not close session {Id}: {e.Message}");
        }
    }

    private static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.Any(IsCancellation),
        _ => e.InnerException is { } inner && IsCancellation(inner),
    };
}

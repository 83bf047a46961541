using System.Collections.Concurrent;
using System.Globalization;
using QSan.Azure.Service;
using QSan.Azure.Targets;

namespace QSan.Azure.Engines;

/// <summary>
/// The jobs one command sends to a target, grouped in an Azure Quantum session (REST spec Sessions_Open / Sessions_Close;
/// azure-quantum-python Workspace.open_session), which the provider schedules together. The session is opened with the
/// job failure policy "Abort" (after a failed job the service refuses the session's later jobs, so a broken evaluation
/// stops spending) and closed when this object is disposed — at the end, after an error, or after Ctrl+C. Work run
/// through <see cref="RunAsync{T}"/> that is cancelled (Ctrl+C) first says so, then cancels every job this command
/// submitted that has not finished, instead of leaving them running and billing. Azure times a session out when no new
/// job joins it for 10 minutes (Microsoft Learn, how-to-work-with-sessions, "Session timeouts"); a batch that comes after
/// a longer pause (jobs queued for long on a QPU) goes into a new session, opened with a message that says why
/// (<see cref="ForNextJobsAsync"/>), instead of into one that is gone.
/// </summary>
public sealed class AzureSession : IAsyncDisposable
{
    /// <summary>The job failure policy QSan opens sessions with.</summary>
    public const string FailurePolicy = "Abort";

    /// <summary>How long Azure keeps a session without a new job (Learn: "If no new job is submitted within the session for 10 minutes, then that session times out").</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>After this long without a new job a batch opens a new session: a minute short of <see cref="IdleTimeout"/>, for the uploads of the batch itself.</summary>
    public static readonly TimeSpan ReopenAfter = IdleTimeout - TimeSpan.FromMinutes(1);

    private readonly QuantumServiceClient client;
    private readonly Action<string> info;
    private readonly TargetInfo target;
    private readonly string name;
    private readonly TimeProvider time;
    private readonly ConcurrentQueue<string> submitted = new();
    private readonly List<string> opened = [];
    private long lastJob;
    private bool closed;

    private AzureSession(QuantumServiceClient client, SessionDetails details, TargetInfo target, string name, Action<string> info, TimeProvider time)
    {
        this.client = client;
        this.info = info;
        this.target = target;
        this.name = name;
        this.time = time;
        Details = details;
        opened.Add(details.Id!);
        lastJob = time.GetTimestamp();
    }

    /// <summary>The current session as the service returned it when opened.</summary>
    public SessionDetails Details { get; private set; }

    /// <summary>The current session's id.</summary>
    public string Id => Details.Id!;

    /// <summary>Every session this command opened, in order (more than one after a pause past <see cref="IdleTimeout"/>).</summary>
    public IReadOnlyList<string> Sessions => [.. opened];

    /// <summary>Ids of the jobs submitted by this command, in order.</summary>
    public IReadOnlyList<string> SubmittedJobs => [.. submitted];

    /// <summary>Opens a session named <paramref name="name"/> on <paramref name="target"/> (<paramref name="time"/>: the clock of its idle timeout).</summary>
    public static async Task<AzureSession> OpenAsync(QuantumServiceClient client, TargetInfo target, string name, Action<string>? info, CancellationToken cancellationToken,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        info ??= _ => { };
        var details = await client.OpenSessionAsync(name, target, FailurePolicy, cancellationToken).ConfigureAwait(false);
        info($"Opened session {details.Id} ({name}) on {target.Id}; its jobs are scheduled together.");
        return new AzureSession(client, details, target, name, info, time ?? TimeProvider.System);
    }

    /// <summary>
    /// The session the next jobs go into: the current one, or, when no job has joined it for <see cref="ReopenAfter"/>,
    /// a new one — after saying that the old one has timed out or is about to (its status from GET sessions/{id}) and
    /// closing it.
    /// </summary>
    public async Task<string> ForNextJobsAsync(CancellationToken cancellationToken)
    {
        var idle = time.GetElapsedTime(lastJob);
        if (idle < ReopenAfter) return Id;
        var old = Id;
        string status;
        try
        {
            status = (await client.GetSessionAsync(old, cancellationToken).ConfigureAwait(false)).Status ?? "of unknown status";
        }
        catch (AzureQuantumException e)
        {
            status = $"of unknown status ({e.Message})";
        }
        info(string.Create(CultureInfo.InvariantCulture,
            $"Session {old} has had no new job for {idle.TotalMinutes:0.#} minutes and is {status}: Azure times a session out after {IdleTimeout.TotalMinutes:0} minutes without one. The next jobs go into a new session."));
        await CloseAsync(old).ConfigureAwait(false);
        Details = await client.OpenSessionAsync(name, target, FailurePolicy, cancellationToken).ConfigureAwait(false);
        opened.Add(Id);
        lastJob = time.GetTimestamp();
        info($"Opened session {Id} ({name}) on {target.Id}, continuing session {old}.");
        return Id;
    }

    /// <summary>Records a job submitted in this session (pass as <see cref="AzureBackendOptions.Submitted"/>, or give the session as <see cref="AzureBackendOptions.Session"/>).</summary>
    public void Add(JobDetails job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Id is { } id) submitted.Enqueue(id);
        lastJob = time.GetTimestamp();
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

    /// <summary>Closes the current session (once); a failure to close is reported, not thrown, so it never hides the real outcome.</summary>
    public async ValueTask DisposeAsync()
    {
        if (closed) return;
        closed = true;
        await CloseAsync(Id).ConfigureAwait(false);
    }

    private async Task CloseAsync(string id)
    {
        try
        {
            var details = await client.CloseSessionAsync(id, CancellationToken.None).ConfigureAwait(false);
            info($"Closed session {id} ({SubmittedJobs.Count} job(s) by this command{(details.Status is { } s ? $", {s}" : "")}).");
        }
        catch (AzureQuantumException e)
        {
            info($"Could not close session {id}: {e.Message}");
        }
    }

    private static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.Any(IsCancellation),
        _ => e.InnerException is { } inner && IsCancellation(inner),
    };
}

namespace QSan.Azure.Service;

/// <summary>A job did not reach a final status within the time allowed; it may still run (see the message).</summary>
public sealed class AzureQuantumTimeoutException : AzureQuantumException
{
    /// <summary>Creates the exception.</summary>
    public AzureQuantumTimeoutException(JobDetails job, TimeSpan waited, bool cancelled)
        : base($"Job {job?.Id} on {job?.Target} was still {job?.Status ?? "unknown"} after {waited.TotalSeconds:0.#} s. "
            + (cancelled ? "QSan asked the service to cancel it." : $"It keeps running: fetch its results later with `qsan azure results {job?.Id}`, or stop it with `qsan azure cancel {job?.Id}`."))
    {
        ArgumentNullException.ThrowIfNull(job);
        Job = job;
        Waited = waited;
    }

    /// <summary>The job as last seen.</summary>
    public JobDetails Job { get; }

    /// <summary>How long the client waited.</summary>
    public TimeSpan Waited { get; }
}

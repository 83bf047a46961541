namespace QSan.Azure.Service;

/// <summary>A job ended Failed (with the service's errorData) or Cancelled, so it has no results.</summary>
public sealed class AzureQuantumJobFailedException : AzureQuantumException
{
    /// <summary>Creates the exception from the job's final details.</summary>
    public AzureQuantumJobFailedException(JobDetails job)
        : base(Describe(job))
    {
        ArgumentNullException.ThrowIfNull(job);
        Job = job;
    }

    /// <summary>The job as last seen.</summary>
    public JobDetails Job { get; }

    private static string Describe(JobDetails job) =>
        job?.Status == JobStatuses.Cancelled
            ? $"Job {job.Id} on {job.Target} was cancelled{(job.CancellationTime is { } t ? $" at {t:u}" : "")}; it has no results."
            : $"Job {job?.Id} on {job?.Target} failed: {job?.ErrorData?.Code ?? "no error code"}: {job?.ErrorData?.Message ?? "the service gave no error message"}";
}

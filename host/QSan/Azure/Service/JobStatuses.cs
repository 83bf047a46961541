namespace QSan.Azure.Service;

/// <summary>
/// Job status names. 2024-10-01-preview has Waiting, Executing, Succeeded, Failed, Cancelled; later versions add Queued,
/// Finishing, CancellationRequested, Cancelling and Completed (REST spec models-jobs.tsp), so those are understood too.
/// </summary>
public static class JobStatuses
{
    /// <summary>Succeeded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Failed.</summary>
    public const string Failed = "Failed";

    /// <summary>Cancelled.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>Whether the job will not change any more.</summary>
    public static bool IsTerminal(string? status) => status is Succeeded or Failed or Cancelled or "Completed";

    /// <summary>Whether the job finished with results.</summary>
    public static bool IsSuccess(string? status) => status is Succeeded or "Completed";
}

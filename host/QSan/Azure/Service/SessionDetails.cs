namespace QSan.Azure.Service;

/// <summary>
/// A session: a group of jobs of one hybrid loop that the provider schedules together (REST spec SessionDetails;
/// azure-quantum-python job/session.py). Used for the PUT body (read-only fields left null) and for what GET returns.
/// </summary>
public sealed record SessionDetails
{
    /// <summary>The session id (a GUID).</summary>
    public string? Id { get; init; }

    /// <summary>A display name.</summary>
    public string? Name { get; init; }

    /// <summary>"ionq", "quantinuum".</summary>
    public string? ProviderId { get; init; }

    /// <summary>The target its jobs run on.</summary>
    public string? Target { get; init; }

    /// <summary>Always "Session".</summary>
    public string? ItemType { get; init; }

    /// <summary>"Abort" (jobs submitted after a failed one are refused) or "Continue".</summary>
    public string? JobFailurePolicy { get; init; }

    /// <summary>Waiting, Executing, Succeeded, Failed, Failure(s) or TimedOut.</summary>
    public string? Status { get; init; }

    /// <summary>When the session was opened.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>When its first job started.</summary>
    public DateTimeOffset? BeginExecutionTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndExecutionTime { get; init; }
}

using System.Text.Json.Nodes;

namespace QSan.Azure.Service;

/// <summary>
/// A job as the data plane describes it (REST spec 2024-10-01-preview: JobDetails, with ItemDetails' fields). Used both
/// for the PUT body (read-only fields left null) and for what GET returns.
/// </summary>
public sealed record JobDetails
{
    /// <summary>The job id (a GUID).</summary>
    public string? Id { get; init; }

    /// <summary>A display name.</summary>
    public string? Name { get; init; }

    /// <summary>"ionq", "quantinuum".</summary>
    public string? ProviderId { get; init; }

    /// <summary>The target id.</summary>
    public string? Target { get; init; }

    /// <summary>Always "Job" for jobs.</summary>
    public string? ItemType { get; init; }

    /// <summary>The container SAS URI (secret: redact before printing).</summary>
    public string? ContainerUri { get; init; }

    /// <summary>The input blob URI (without SAS).</summary>
    public string? InputDataUri { get; init; }

    /// <summary>E.g. qir.v1.</summary>
    public string? InputDataFormat { get; init; }

    /// <summary>The output format requested.</summary>
    public string? OutputDataFormat { get; init; }

    /// <summary>Where the results are written.</summary>
    public string? OutputDataUri { get; init; }

    /// <summary>The session the job belongs to, if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>The target's parameters (shots, entry point).</summary>
    public JsonObject? InputParams { get; init; }

    /// <summary>Client metadata (QSan records the program layout here).</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Waiting, Executing, Succeeded, Failed, Cancelled (and newer names, see <see cref="JobStatuses"/>).</summary>
    public string? Status { get; init; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>When it started executing.</summary>
    public DateTimeOffset? BeginExecutionTime { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? EndExecutionTime { get; init; }

    /// <summary>When it was cancelled.</summary>
    public DateTimeOffset? CancellationTime { get; init; }

    /// <summary>The provider's cost estimate, once known.</summary>
    public JobCostEstimate? CostEstimate { get; init; }

    /// <summary>Why the job failed.</summary>
    public JobErrorData? ErrorData { get; init; }
}

using QSan.Azure.Connection;
namespace QSan.Azure.Service;

/// <summary>Something went wrong talking to Azure Quantum; subclasses say what.</summary>
public class AzureQuantumException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public AzureQuantumException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AzureQuantumException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The service answered a request with an error status (after Azure.Core's retries, for retriable ones).</summary>
public class AzureQuantumRequestException : AzureQuantumException
{
    /// <summary>Creates the exception; <paramref name="what"/> names the operation, e.g. "PUT job 1234".</summary>
    public AzureQuantumRequestException(string what, int status, string? errorCode, string? errorMessage)
        : base($"{what} failed with HTTP {status}{(errorCode is null ? "" : $" ({errorCode})")}{(string.IsNullOrWhiteSpace(errorMessage) ? "." : $": {errorMessage}")}")
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The service's error code, if it sent one.</summary>
    public string? ErrorCode { get; }
}

/// <summary>The service kept answering 429 Too Many Requests after every retry Azure.Core was allowed.</summary>
public sealed class AzureQuantumThrottledException : AzureQuantumRequestException
{
    /// <summary>Creates the exception.</summary>
    public AzureQuantumThrottledException(string what, string? errorCode, string? errorMessage, TimeSpan? retryAfter, int attempts)
        : base($"{what} was throttled {attempts} time(s){(retryAfter is { } r ? $"; the service asks to wait {r.TotalSeconds:0.#} s" : "")}", 429, errorCode, errorMessage)
    {
        RetryAfter = retryAfter;
        Attempts = attempts;
    }

    /// <summary>The wait the service last asked for.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Requests sent (the first plus the retries).</summary>
    public int Attempts { get; }
}

/// <summary>
/// A job ended Failed (with the service's errorData) or Cancelled, so it has no results; a failed job's own output, if
/// it wrote one, is kept beside the error (<see cref="Output"/>, <see cref="OutputPath"/>).
/// </summary>
public sealed class AzureQuantumJobFailedException : AzureQuantumException
{
    /// <summary>Creates the exception from the job's final details.</summary>
    public AzureQuantumJobFailedException(JobDetails job)
        : this(job, null, null)
    {
    }

    /// <summary>Creates the exception with the failed job's output (<paramref name="output"/>, kept at <paramref name="outputPath"/>), or a note on it.</summary>
    public AzureQuantumJobFailedException(JobDetails job, byte[]? output, string? outputPath, string? outputNote = null)
        : base(Describe(job) + OutputText(job, output, outputPath, outputNote))
    {
        ArgumentNullException.ThrowIfNull(job);
        Job = job;
        Output = output;
        OutputPath = outputPath;
    }

    /// <summary>The job as last seen.</summary>
    public JobDetails Job { get; }

    /// <summary>The output a failed job wrote (azure-quantum-python: JobFailedWithResultsError's failure results), or null.</summary>
    public byte[]? Output { get; }

    /// <summary>Where <see cref="Output"/> was written, or null.</summary>
    public string? OutputPath { get; }

    private static string OutputText(JobDetails job, byte[]? output, string? path, string? note)
    {
        if (note is not null) return $" The job has an output, but {note}.";
        if (output is null) return "";
        var text = System.Text.Encoding.UTF8.GetString(output);
        var preview = SasRedaction.Redact(text.Length > 200 ? text[..200] + "…" : text);
        return path is null
            ? $" Its output ({output.Length} bytes) was downloaded: {preview}"
            : $" Its output ({output.Length} bytes) was downloaded and kept at {path}: {preview} (`qsan azure results {job.Id}` reads it again).";
    }

    private static string Describe(JobDetails job) =>
        job?.Status == JobStatuses.Cancelled
            ? $"Job {job.Id} on {job.Target} was cancelled{(job.CancellationTime is { } t ? $" at {t:u}" : "")}; it has no results."
            : $"Job {job?.Id} on {job?.Target} failed: {job?.ErrorData?.Code ?? "no error code"}: {job?.ErrorData?.Message ?? "the service gave no error message"}";
}

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

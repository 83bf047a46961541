namespace QSan.Azure.Service;

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

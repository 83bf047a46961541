namespace QSan.Azure.Service;

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

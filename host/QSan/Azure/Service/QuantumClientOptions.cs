using Azure.Core;

namespace QSan.Azure.Service;

/// <summary>
/// Options of the data-plane client: Azure.Core's (retries, transport, diagnostics) plus the REST api-version. Transient
/// failures (408, 429, 500, 502, 503, 504, network errors) are retried by Azure.Core's retry policy, which honours the
/// service's Retry-After; <see cref="ClientOptions.Retry"/> bounds how often and how long.
/// </summary>
public sealed class QuantumClientOptions : ClientOptions
{
    /// <summary>The api-version: 2024-10-01-preview, the version azure-quantum-python's generated client pins
    /// (azure/quantum/_client/_client.py) and the REST spec's data-plane version of that name.</summary>
    public const string DefaultApiVersion = "2024-10-01-preview";

    /// <summary>Retries up to 4 times, exponential from 0.8 s, at most 60 s apart.</summary>
    public QuantumClientOptions()
    {
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromSeconds(60);
        Retry.Mode = RetryMode.Exponential;
        Diagnostics.ApplicationId = "qsan";
    }

    /// <summary>The api-version query parameter of every data-plane request.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;
}

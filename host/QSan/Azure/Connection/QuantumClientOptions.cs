using System.Text.RegularExpressions;
using Azure.Core;

namespace QSan.Azure.Connection;

/// <summary>
/// Options of the data-plane client: Azure.Core's (retries, transport, diagnostics) plus the REST api-version. Transient
/// failures (408, 429, 500, 502, 503, 504, network errors) are retried by Azure.Core's retry policy, which honours the
/// service's Retry-After; <see cref="ClientOptions.Retry"/> bounds how often and how long.
/// </summary>
public sealed partial class QuantumClientOptions : ClientOptions
{
    /// <summary>
    /// The api-version: 2026-01-15-preview, the version Microsoft's own clients send today (azure-quantum-python
    /// azure/quantum/_client/_configuration.py; the QDK's VS Code extension, source/vscode/src/azure/networkRequests.ts
    /// QuantumUris.apiVersion) and the REST spec's latest data-plane version.
    /// </summary>
    public const string DefaultApiVersion = "2026-01-15-preview";

    /// <summary>The version QSan used before (2024-10-01-preview), kept working for workspaces that need it.</summary>
    public const string LegacyApiVersion = "2024-10-01-preview";

    /// <summary>The first version in which <c>DELETE jobs/{id}</c> deletes a job and cancelling is <c>POST jobs/{id}:cancel</c>.</summary>
    public const string CancelByPostSince = "2025-12-01-preview";

    /// <summary>The first version in which <c>POST storage/sasUri</c> creates the job's container itself.</summary>
    public const string ServiceCreatesContainersSince = "2026-01-15-preview";

    private string apiVersion = DefaultApiVersion;

    /// <summary>
    /// Azure Resource Manager, where a workspace named by resource id is read (its endpointUri and kind); azure-quantum-python
    /// _constants.py ARM_PRODUCTION_ENDPOINT. Tests point it at their fake.
    /// </summary>
    public Uri ArmEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>Retries up to 4 times, exponential from 0.8 s, at most 60 s apart.</summary>
    public QuantumClientOptions()
    {
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromSeconds(60);
        Retry.Mode = RetryMode.Exponential;
        Diagnostics.ApplicationId = "qsan";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex VersionPattern();

    /// <summary>The api-version query parameter of every data-plane request (a date, optionally -preview).</summary>
    public string ApiVersion
    {
        get => apiVersion;
        set => apiVersion = CheckApiVersion(value);
    }

    /// <summary>Whether this version cancels with <c>POST jobs/{id}:cancel</c> (and <c>DELETE</c> would delete the job).</summary>
    public bool CancelsByPost => string.CompareOrdinal(apiVersion[..10], CancelByPostSince[..10]) >= 0;

    /// <summary>Whether the service creates a job's storage container when asked for its SAS (no container PUT needed).</summary>
    public bool ServiceCreatesContainers => string.CompareOrdinal(apiVersion[..10], ServiceCreatesContainersSince[..10]) >= 0;

    /// <summary>
    /// Gives another Azure client (blob storage, Azure Resource Manager) this client's transport, retries and diagnostics,
    /// so a transport that trusts a test's certificate, or a proxy, serves it too; returns <paramref name="other"/>.
    /// </summary>
    public T ApplyTo<T>(T other) where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(other);
        other.Transport = Transport;
        other.Retry.MaxRetries = Retry.MaxRetries;
        other.Retry.Delay = Retry.Delay;
        other.Retry.MaxDelay = Retry.MaxDelay;
        other.Retry.Mode = Retry.Mode;
        other.Retry.NetworkTimeout = Retry.NetworkTimeout;
        other.Diagnostics.ApplicationId = Diagnostics.ApplicationId;
        other.Diagnostics.IsLoggingEnabled = Diagnostics.IsLoggingEnabled;
        other.Diagnostics.IsDistributedTracingEnabled = Diagnostics.IsDistributedTracingEnabled;
        return other;
    }

    /// <summary>Checks that <paramref name="version"/> looks like an api-version (yyyy-mm-dd or yyyy-mm-dd-preview).</summary>
    public static string CheckApiVersion(string? version)
    {
        if (version is null || !VersionPattern().IsMatch(version))
            throw new ArgumentException($"'{version}' is not an Azure Quantum api-version (e.g. {DefaultApiVersion}, or {LegacyApiVersion} for a workspace that needs the older one).", nameof(version));
        return version;
    }
}

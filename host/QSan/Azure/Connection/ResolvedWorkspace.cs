using QSan.Azure.Service;

namespace QSan.Azure.Connection;

/// <summary>A workspace and how to authenticate to it, with where the settings came from (for messages).</summary>
/// <param name="Connection">The workspace.</param>
/// <param name="Credential">The credential.</param>
/// <param name="Sources">Where the settings were found, e.g. "options, environment".</param>
/// <param name="ApiVersion">The data plane's api-version.</param>
public sealed record ResolvedWorkspace(WorkspaceConnection Connection, WorkspaceCredential Credential, string Sources, string ApiVersion = QuantumClientOptions.DefaultApiVersion)
{
    /// <summary>A data-plane client for this workspace with its api-version (<paramref name="options"/>' other settings kept).</summary>
    /// <param name="options">Azure.Core options (retries, transport); their api-version is replaced by this workspace's.</param>
    /// <param name="credential">Overrides <see cref="Credential"/>.</param>
    public QuantumServiceClient Client(QuantumClientOptions? options = null, WorkspaceCredential? credential = null)
    {
        options ??= new QuantumClientOptions();
        options.ApiVersion = ApiVersion;
        return new QuantumServiceClient(Connection, credential ?? Credential, options);
    }
}

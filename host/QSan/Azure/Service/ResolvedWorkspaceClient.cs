using QSan.Azure.Connection;

namespace QSan.Azure.Service;

/// <summary>A <see cref="ResolvedWorkspace"/>'s data-plane client.</summary>
public static class ResolvedWorkspaceClient
{
    /// <summary>A data-plane client for this workspace with its api-version (<paramref name="options"/>' other settings kept).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="options">Azure.Core options (retries, transport); their api-version is replaced by this workspace's.</param>
    /// <param name="credential">Overrides <see cref="ResolvedWorkspace.Credential"/>.</param>
    public static QuantumServiceClient Client(this ResolvedWorkspace workspace, QuantumClientOptions? options = null, WorkspaceCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Connection.Endpoint == ResolvedWorkspace.EndpointFromArm)
            throw new AzureConfigurationException($"Workspace {workspace.Connection.WorkspaceName}'s endpoint comes from Azure Resource Manager: call DiscoverAsync (or ConnectAsync) first, " +
                $"or give {AzureSettings.Setting(nameof(AzureSettingsInput.Location))} or {AzureSettings.Setting(nameof(AzureSettingsInput.Endpoint))}.");
        options ??= new QuantumClientOptions();
        options.ApiVersion = workspace.ApiVersion;
        return new QuantumServiceClient(workspace.Connection, credential ?? workspace.Credential, options);
    }

    /// <summary><see cref="ResolvedWorkspace.DiscoverAsync"/>, then <see cref="Client"/>.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="options">Azure.Core options (retries, transport); their api-version is replaced by this workspace's.</param>
    /// <param name="info">Told where the endpoint came from.</param>
    /// <param name="cancellationToken">Cancels the discovery.</param>
    /// <param name="credential">Overrides <see cref="ResolvedWorkspace.Credential"/>.</param>
    public static async Task<QuantumServiceClient> ConnectAsync(this ResolvedWorkspace workspace, QuantumClientOptions? options, Action<string>? info, CancellationToken cancellationToken, WorkspaceCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return (await workspace.DiscoverAsync(options, info, cancellationToken).ConfigureAwait(false)).Client(options, credential);
    }
}

using Azure;

namespace QSan.Azure.Connection;

/// <summary>A workspace and how to authenticate to it, with where the settings came from (for messages).</summary>
/// <param name="Connection">The workspace.</param>
/// <param name="Credential">The credential.</param>
/// <param name="Sources">Where the settings were found, e.g. "options, environment".</param>
/// <param name="ApiVersion">The data plane's api-version.</param>
public sealed record ResolvedWorkspace(WorkspaceConnection Connection, WorkspaceCredential Credential, string Sources, string ApiVersion = QuantumClientOptions.DefaultApiVersion)
{
    /// <summary>The endpoint of a workspace whose endpoint only Azure Resource Manager can give (no location, no endpoint).</summary>
    public static readonly Uri EndpointFromArm = new("https://endpoint-from-azure-resource-manager.invalid/");

    /// <summary>Whether <see cref="DiscoverAsync"/> reads the endpoint from ARM (a workspace named by resource id, with an Entra credential, without an endpoint).</summary>
    public bool ReadFromArm { get; init; }

    /// <summary>
    /// The workspace as Azure Resource Manager describes it, when <see cref="ReadFromArm"/>: its <c>properties.endpointUri</c>
    /// (which also tells a V2 workspace) replaces the endpoint the settings would give, as azure-quantum-python's
    /// Workspace does (_mgmt_client.py load_workspace_from_arm). If ARM cannot be read, the settings' endpoint (from the
    /// location) is used and <paramref name="info"/> says so; with no location either, the error names both ways.
    /// </summary>
    public async Task<ResolvedWorkspace> DiscoverAsync(QuantumClientOptions? options, Action<string>? info, CancellationToken cancellationToken)
    {
        if (!ReadFromArm || Credential.Token is not { } token) return this;
        try
        {
            var (endpoint, kind, location) = await WorkspaceArm.ReadAsync(Connection, token, options ?? new QuantumClientOptions(), cancellationToken).ConfigureAwait(false);
            info?.Invoke($"Workspace {Connection.WorkspaceName}: endpoint {endpoint} ({kind ?? "kind not given"}, {location}) from Azure Resource Manager.");
            return this with { Connection = (Connection with { Endpoint = endpoint }).Validate(), ReadFromArm = false, Sources = Sources + ", Azure Resource Manager" };
        }
        catch (Exception e) when (e is RequestFailedException or AzureConfigurationException or AggregateException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = SasRedaction.Redact(e.Message.Split('\n')[0]);
            if (Connection.Endpoint == EndpointFromArm)
                throw new AzureConfigurationException($"{AzureSettings.Setting(nameof(AzureSettingsInput.ResourceId))}: workspace {Connection.WorkspaceName}'s endpoint could not be read from Azure Resource Manager ({why}); " +
                    $"give {AzureSettings.Setting(nameof(AzureSettingsInput.Location))} (or {AzureSettings.LocationVariable}) or {AzureSettings.Setting(nameof(AzureSettingsInput.Endpoint))} instead.", e);
            info?.Invoke($"Could not read workspace {Connection.WorkspaceName} from Azure Resource Manager ({why}); using {Connection.Endpoint} from the settings.");
            return this with { ReadFromArm = false };
        }
    }
}

using System.CommandLine;
using QSan.Azure.Connection;
using QSan.Azure.Service;

namespace QSan.Cli;

/// <summary>The workspace options every <c>azure</c> command takes; the environment and the config file fill in the rest.</summary>
public sealed class AzureOptions
{
    /// <summary>--connection-string (prefer $AZURE_QUANTUM_CONNECTION_STRING: options show up in shell history).</summary>
    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = $"Workspace connection string (better: set {AzureSettings.ConnectionStringVariable})." };

    /// <summary>--resource-id.</summary>
    public Option<string?> ResourceId { get; } = new("--resource-id") { Description = "Workspace resource id (/subscriptions/…/Workspaces/…)." };

    /// <summary>--subscription.</summary>
    public Option<string?> Subscription { get; } = new("--subscription") { Description = $"Subscription id (or {AzureSettings.SubscriptionVariable})." };

    /// <summary>--resource-group.</summary>
    public Option<string?> ResourceGroup { get; } = new("--resource-group") { Description = $"Resource group (or {AzureSettings.ResourceGroupVariable})." };

    /// <summary>--workspace.</summary>
    public Option<string?> Workspace { get; } = new("--workspace") { Description = $"Workspace name (or {AzureSettings.WorkspaceVariable})." };

    /// <summary>--location.</summary>
    public Option<string?> Location { get; } = new("--location") { Description = $"Region, e.g. westus (or {AzureSettings.LocationVariable})." };

    /// <summary>--endpoint.</summary>
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = $"Data-plane endpoint (default https://<location>.quantum.azure.com; or {AzureSettings.EndpointVariable})." };

    /// <summary>--workspace-kind.</summary>
    public Option<string?> WorkspaceKind { get; } = new("--workspace-kind") { Description = $"V1 or V2: a V2 workspace lives at https://<location>-v2.quantum.azure.com (or {AzureSettings.WorkspaceKindVariable})." };

    /// <summary>--api-version.</summary>
    public Option<string?> ApiVersion { get; } = new("--api-version") { Description = $"Data-plane api-version (default {QuantumClientOptions.DefaultApiVersion}; {QuantumClientOptions.LegacyApiVersion} for a workspace that needs the older one; or {AzureSettings.ApiVersionVariable})." };

    /// <summary>--azure-config.</summary>
    public Option<string?> ConfigFile { get; } = new("--azure-config") { Description = "JSON settings file without secrets (default ~/.config/qsan/azure.json or $QSAN_AZURE_CONFIG)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { ConnectionString, ResourceId, Subscription, ResourceGroup, Workspace, Location, Endpoint, WorkspaceKind, ApiVersion, ConfigFile })
            command.Options.Add(option);
    }

    /// <summary>The explicit settings of a parse.</summary>
    public AzureSettingsInput Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new AzureSettingsInput(parse.GetValue(ConnectionString), parse.GetValue(ResourceId), parse.GetValue(Subscription), parse.GetValue(ResourceGroup),
            parse.GetValue(Workspace), parse.GetValue(Location), parse.GetValue(Endpoint), parse.GetValue(ConfigFile), parse.GetValue(WorkspaceKind), parse.GetValue(ApiVersion));
    }

    /// <summary>
    /// A client for the configured workspace (<paramref name="options"/>: Azure.Core options, e.g. a test transport); a
    /// workspace named by resource id gets its endpoint from Azure Resource Manager, told on <paramref name="info"/>.
    /// </summary>
    public Task<QuantumServiceClient> ClientAsync(ParseResult parse, QuantumClientOptions? options, Action<string>? info, CancellationToken cancellationToken) =>
        AzureSettings.Resolve(Read(parse)).ConnectAsync(options, info, cancellationToken);
}

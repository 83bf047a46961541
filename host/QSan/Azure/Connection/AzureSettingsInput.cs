namespace QSan.Azure.Connection;

/// <summary>Workspace settings given explicitly (command-line options); null means "not given here".</summary>
/// <param name="ConnectionString">A workspace connection string (holds the API key; prefer the environment variable).</param>
/// <param name="ResourceId">/subscriptions/…/resourceGroups/…/providers/Microsoft.Quantum/Workspaces/….</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="ResourceGroup">The resource group.</param>
/// <param name="Workspace">The workspace name.</param>
/// <param name="Location">The region, e.g. westus.</param>
/// <param name="Endpoint">An explicit data-plane endpoint (overrides the region's).</param>
/// <param name="ConfigFile">A JSON settings file to read instead of the default one.</param>
/// <param name="WorkspaceKind">"V1" or "V2": a V2 workspace's region endpoint is https://{region}-v2.quantum.azure.com.</param>
/// <param name="ApiVersion">The data plane's api-version (default <see cref="QuantumClientOptions.DefaultApiVersion"/>).</param>
public sealed record AzureSettingsInput(string? ConnectionString = null, string? ResourceId = null, string? SubscriptionId = null,
    string? ResourceGroup = null, string? Workspace = null, string? Location = null, string? Endpoint = null, string? ConfigFile = null,
    string? WorkspaceKind = null, string? ApiVersion = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"AzureSettingsInput {{ ConnectionString = {(ConnectionString is null ? "none" : "(hidden)")}, ResourceId = {ResourceId}, SubscriptionId = {SubscriptionId}, ResourceGroup = {ResourceGroup}, Workspace = {Workspace}, Location = {Location}, Endpoint = {Endpoint}, ConfigFile = {ConfigFile}, WorkspaceKind = {WorkspaceKind}, ApiVersion = {ApiVersion} }}";
}

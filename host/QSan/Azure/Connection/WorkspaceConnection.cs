namespace QSan.Azure.Connection;

/// <summary>
/// Which Azure Quantum workspace to talk to. The data plane lives at <c>https://{region}.quantum.azure.com</c>
/// (azure-quantum-python: QUANTUM_BASE_URL; REST spec 2024-10-01-preview: x-ms-parameterized-host) and every path starts
/// with the workspace's resource path.
/// </summary>
/// <param name="Endpoint">E.g. https://westus.quantum.azure.com/.</param>
/// <param name="SubscriptionId">The Azure subscription (a GUID).</param>
/// <param name="ResourceGroup">The resource group.</param>
/// <param name="WorkspaceName">The workspace.</param>
public sealed record WorkspaceConnection(Uri Endpoint, string SubscriptionId, string ResourceGroup, string WorkspaceName)
{
    /// <summary>The endpoint of a region, e.g. "westus" or "West US" → https://westus.quantum.azure.com/.</summary>
    public static Uri RegionEndpoint(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var location = string.Concat(region.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        if (!location.All(char.IsAsciiLetterOrDigit)) throw new AzureConfigurationException($"'{region}' is not an Azure region name (e.g. westus, eastus).");
        return new Uri($"https://{location}.quantum.azure.com/");
    }

    /// <summary>/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Quantum/workspaces/{w}, escaped.</summary>
    public string ResourcePath =>
        $"/subscriptions/{Uri.EscapeDataString(SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(ResourceGroup)}/providers/Microsoft.Quantum/workspaces/{Uri.EscapeDataString(WorkspaceName)}";

    /// <summary>Checks the names against the REST spec's patterns; throws naming the bad one.</summary>
    public WorkspaceConnection Validate()
    {
        if (Endpoint.Scheme != Uri.UriSchemeHttps) throw new AzureConfigurationException($"The endpoint {Endpoint} is not https.");
        if (!Guid.TryParse(SubscriptionId, out _)) throw new AzureConfigurationException($"The subscription id '{SubscriptionId}' is not a GUID.");
        if (string.IsNullOrWhiteSpace(ResourceGroup)) throw new AzureConfigurationException("The resource group is empty.");
        if (string.IsNullOrWhiteSpace(WorkspaceName)) throw new AzureConfigurationException("The workspace name is empty.");
        return this;
    }
}

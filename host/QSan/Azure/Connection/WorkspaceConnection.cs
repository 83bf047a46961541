using System.Text.RegularExpressions;

namespace QSan.Azure.Connection;

/// <summary>
/// Which Azure Quantum workspace to talk to. The data plane lives at <c>https://{region}.quantum.azure.com</c>, or for a V2
/// workspace at <c>https://{region}-v2.quantum.azure.com</c> (azure-quantum-python _constants.py
/// GET_QUANTUM_PRODUCTION_ENDPOINT and _v2; REST spec x-ms-parameterized-host), and every path starts with the workspace's
/// resource path.
/// </summary>
/// <param name="Endpoint">E.g. https://westus.quantum.azure.com/.</param>
/// <param name="SubscriptionId">The Azure subscription (a GUID).</param>
/// <param name="ResourceGroup">The resource group.</param>
/// <param name="WorkspaceName">The workspace.</param>
public sealed partial record WorkspaceConnection(Uri Endpoint, string SubscriptionId, string ResourceGroup, string WorkspaceName)
{
    /// <summary>
    /// The endpoint of a region, e.g. "westus" or "West US" → https://westus.quantum.azure.com/, or for a V2 workspace
    /// https://westus-v2.quantum.azure.com/.
    /// </summary>
    public static Uri RegionEndpoint(string region, WorkspaceKind kind = WorkspaceKind.V1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var location = string.Concat(region.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        if (!location.All(char.IsAsciiLetterOrDigit)) throw new AzureConfigurationException($"'{region}' is not an Azure region name (e.g. westus, eastus).");
        return new Uri(kind == WorkspaceKind.V2 ? $"https://{location}-v2.quantum.azure.com/" : $"https://{location}.quantum.azure.com/");
    }

    /// <summary>Reads "V1" or "V2" (any case; null means V1).</summary>
    public static WorkspaceKind ParseKind(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "V1" => WorkspaceKind.V1,
        "V2" => WorkspaceKind.V2,
        _ => throw new AzureConfigurationException($"The workspace kind '{text}' is neither V1 nor V2 (the workspace's Overview page in the portal shows which; a V2 workspace's endpoint ends in -v2.quantum.azure.com)."),
    };

    /// <summary>The workspace kind its endpoint shows: V2 when the host is {region}-v2.quantum….</summary>
    public WorkspaceKind Kind => Endpoint.Host.Split('.')[0].EndsWith("-v2", StringComparison.OrdinalIgnoreCase) ? WorkspaceKind.V2 : WorkspaceKind.V1;

    [GeneratedRegex("^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$")]
    private static partial Regex SubscriptionPattern();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9\-_\.]*$")]
    private static partial Regex ResourceGroupPattern();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9\-_]*$")]
    private static partial Regex WorkspacePattern();

    /// <summary>/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Quantum/workspaces/{w}, escaped.</summary>
    public string ResourcePath =>
        $"/subscriptions/{Uri.EscapeDataString(SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(ResourceGroup)}/providers/Microsoft.Quantum/workspaces/{Uri.EscapeDataString(WorkspaceName)}";

    /// <summary>
    /// Checks the names against the REST spec's path parameters (2026-01-15-preview quantum.json): subscriptionId
    /// <c>^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$</c> (36 characters; an upper-case GUID is lower-cased first, GUIDs
    /// being case-insensitive), resourceGroupName <c>^[a-zA-Z][a-zA-Z0-9\-_\.]*$</c> (1–90), workspaceName
    /// <c>^[a-zA-Z][a-zA-Z0-9\-_]*$</c> (2–50). Throws naming the bad one; returns the connection as it will be sent.
    /// </summary>
    public WorkspaceConnection Validate()
    {
        if (Endpoint.Scheme != Uri.UriSchemeHttps) throw new AzureConfigurationException($"The endpoint {Endpoint} is not https.");
        var subscription = SubscriptionId?.Trim().ToLowerInvariant() ?? "";
        if (!SubscriptionPattern().IsMatch(subscription))
            throw new AzureConfigurationException($"The subscription id '{SubscriptionId}' is not a GUID written as 8-4-4-4-12 hexadecimal digits (e.g. 01234567-89ab-cdef-0123-456789abcdef).");
        if (string.IsNullOrWhiteSpace(ResourceGroup)) throw new AzureConfigurationException("The resource group is empty.");
        if (ResourceGroup.Length > 90 || !ResourceGroupPattern().IsMatch(ResourceGroup))
            throw new AzureConfigurationException($"The resource group '{ResourceGroup}' is not a resource group name (a letter, then letters, digits, -, _ or .; at most 90).");
        if (string.IsNullOrWhiteSpace(WorkspaceName)) throw new AzureConfigurationException("The workspace name is empty.");
        if (WorkspaceName.Length is < 2 or > 50 || !WorkspacePattern().IsMatch(WorkspaceName))
            throw new AzureConfigurationException($"The workspace name '{WorkspaceName}' is not a workspace name (a letter, then letters, digits, - or _; 2 to 50).");
        return subscription == SubscriptionId ? this : this with { SubscriptionId = subscription };
    }
}

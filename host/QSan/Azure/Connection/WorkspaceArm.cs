using System.Text.Json;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;

namespace QSan.Azure.Connection;

/// <summary>
/// Reads a workspace from Azure Resource Manager, as azure-quantum-python does before it connects
/// (_mgmt_client.py load_workspace_from_arm: GET the workspace resource, then location, properties.endpointUri and
/// properties.workspaceKind), through Azure.ResourceManager's generic resource API.
/// </summary>
internal static class WorkspaceArm
{
    /// <summary>The Microsoft.Quantum/workspaces api-version (azure-quantum-python _constants.py DEFAULT_ARM_WORKSPACE_API_VERSION).</summary>
    public const string ApiVersion = "2025-12-15-preview";

    /// <summary>The workspace's data-plane endpoint and kind as ARM describes them.</summary>
    public static async Task<(Uri Endpoint, string? Kind, string? Location)> ReadAsync(WorkspaceConnection workspace, TokenCredential credential, QuantumClientOptions options,
        CancellationToken cancellationToken)
    {
        var arm = options.ApplyTo(new ArmClientOptions { Environment = new ArmEnvironment(options.ArmEndpoint, ArmEnvironment.AzurePublicCloud.Audience) });
        // Without it the generic API first asks the provider for its api-versions.
        arm.SetApiVersion(new ResourceType("Microsoft.Quantum/workspaces"), ApiVersion);
        var client = new ArmClient(credential, workspace.SubscriptionId, arm);
        GenericResource resource = await client.GetGenericResource(new ResourceIdentifier(workspace.ResourcePath)).GetAsync(cancellationToken).ConfigureAwait(false);
        var json = resource.Data.Properties?.ToMemory()
            ?? throw new AzureConfigurationException($"Azure Resource Manager describes workspace {workspace.WorkspaceName} without properties.");
        using var properties = JsonDocument.Parse(json);
        string? Text(string name) => properties.RootElement.ValueKind == JsonValueKind.Object && properties.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var endpointText = Text("endpointUri")
            ?? throw new AzureConfigurationException($"Azure Resource Manager describes workspace {workspace.WorkspaceName} without properties.endpointUri (is it provisioned?).");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
            throw new AzureConfigurationException($"Azure Resource Manager gives workspace {workspace.WorkspaceName} the endpointUri '{endpointText}', which is not a URL.");
        return (endpoint, Text("workspaceKind"), resource.Data.Location.Name);
    }
}

using QSan.Azure.Connection;
using QSan.Azure.Service;

namespace QSan.Tests.Azure;

/// <summary>
/// A workspace named by resource id gets its endpoint (and so its V1/V2 host) from Azure Resource Manager, as Microsoft's
/// clients read it, through Azure.ResourceManager's generic resource API; the settings remain the fallback.
/// </summary>
public sealed class WorkspaceArmTests : FakeServiceTest
{
    private static string ResourceId => $"/subscriptions/{FakeAzureQuantum.Subscription}/resourceGroups/{FakeAzureQuantum.ResourceGroup}/providers/Microsoft.Quantum/Workspaces/{FakeAzureQuantum.WorkspaceName}";

    private readonly FakeTokenCredential credential = new();

    private ResolvedWorkspace Resolve(string? location = null, bool apiKey = false) =>
        AzureSettings.Resolve(new AzureSettingsInput(ResourceId: ResourceId, Location: location),
            name => name switch { AzureSettings.ApiKeyVariable when apiKey => FakeAzureQuantum.ApiKey, "QSAN_AZURE_CONFIG" => "/nonexistent/azure.json", _ => null },
            () => WorkspaceCredential.FromToken(credential));

    [Theory]
    [InlineData(null)]
    [InlineData("eastus")] // the settings' guess loses to ARM's endpointUri
    public async Task The_endpoint_of_a_workspace_named_by_resource_id_comes_from_ARM(string? location)
    {
        Fake.ExpectApiKey = false;
        var lines = new List<string>();

        var client = await Resolve(location).ConnectAsync(Fake.ClientOptions(route: true), lines.Add, default);
        var providers = await client.GetProviderStatusAsync(default);

        Assert.NotEmpty(providers);
        Assert.Equal(new Uri("https://westus-v2.quantum.azure.com/"), client.Connection.Endpoint);
        Assert.Equal(["management.azure.com", "westus-v2.quantum.azure.com"], Fake.RoutedHosts);
        // The scope Azure.ResourceManager asks for on the public cloud (its ArmEnvironment), not the data plane's.
        Assert.Contains(global::Azure.ResourceManager.ArmEnvironment.AzurePublicCloud.DefaultScope, credential.Scopes);
        Assert.StartsWith("https://management.azure.com/", global::Azure.ResourceManager.ArmEnvironment.AzurePublicCloud.DefaultScope, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("from Azure Resource Manager", StringComparison.Ordinal) && l.Contains("V2", StringComparison.Ordinal));
        Assert.Empty(Fake.Violations);
    }

    [Fact]
    public async Task When_ARM_refuses_the_settings_location_is_used_and_the_message_says_so()
    {
        Fake.ExpectApiKey = false;
        Fake.ArmRefuses = 403;
        var lines = new List<string>();

        var client = await Resolve("westus").ConnectAsync(Fake.ClientOptions(maxRetries: 0, route: true), lines.Add, default);
        await client.GetProviderStatusAsync(default);

        Assert.Equal(new Uri("https://westus.quantum.azure.com/"), client.Connection.Endpoint);
        Assert.Contains(lines, l => l.Contains("Could not read workspace", StringComparison.Ordinal) && l.Contains("using https://westus.quantum.azure.com/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_ARM_or_a_location_the_error_names_both_ways()
    {
        Fake.ArmRefuses = 403;

        var error = await Assert.ThrowsAsync<AzureConfigurationException>(() => Resolve().ConnectAsync(Fake.ClientOptions(maxRetries: 0, route: true), null, default));

        Assert.Contains("AzureSettingsInput.ResourceId", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureSettingsInput.Location", error.Message, StringComparison.Ordinal);
        Assert.Throws<AzureConfigurationException>(() => Resolve().Client(Fake.ClientOptions(route: true)));
    }

    [Fact]
    public async Task An_api_key_never_goes_to_ARM_and_the_settings_decide()
    {
        var client = await Resolve("westus", apiKey: true).ConnectAsync(Fake.ClientOptions(route: true), null, default);
        await client.GetProviderStatusAsync(default);

        Assert.Equal(["westus.quantum.azure.com"], Fake.RoutedHosts);
        Assert.Empty(Fake.Violations);
    }
}

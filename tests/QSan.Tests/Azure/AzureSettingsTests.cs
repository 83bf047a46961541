using QSan.Azure.Connection;
using QSan.Azure.Service;

namespace QSan.Tests.Azure;

/// <summary>Where the workspace settings come from, in which order, and that secrets stay out of messages and files.</summary>
public sealed class AzureSettingsTests : IDisposable
{
    private const string Subscription = "11111111-2222-3333-4444-555555555555";
    private const string Key = "super-secret-key-value";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "qsan-azure-settings-" + Guid.NewGuid().ToString("N"));

    public AzureSettingsTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Func<string, string?> Environment(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    private string NoConfig => Path.Combine(directory, "absent.json");

    private static WorkspaceCredential DefaultCredential() => WorkspaceCredential.FromToken(new FakeTokenCredential(), "test default credential");

    [Fact]
    public void A_connection_string_gives_the_workspace_and_the_api_key()
    {
        var cs = ConnectionString.Parse($"SubscriptionId={Subscription};ResourceGroupName=rg;WorkspaceName=ws;ApiKey={Key};QuantumEndpoint=https://westus.quantum.azure.com/;");

        Assert.Equal(new Uri("https://westus.quantum.azure.com/"), cs.Connection.Endpoint);
        Assert.Equal("ws", cs.Connection.WorkspaceName);
        Assert.Equal(Key, cs.ApiKey);
        Assert.DoesNotContain(Key, cs.ToString(), StringComparison.Ordinal);
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.Quantum/workspaces/ws", cs.Connection.ResourcePath);
    }

    [Fact]
    public void Older_connection_strings_name_the_key_workspace_key() =>
        Assert.Equal(Key, ConnectionString.Parse($"SubscriptionId={Subscription};ResourceGroupName=rg;WorkspaceName=ws;WorkspaceKey={Key};QuantumEndpoint=https://eastus.quantum.azure.com/;").ApiKey);

    [Fact]
    public void A_broken_connection_string_says_what_is_missing_without_echoing_the_key()
    {
        var error = Assert.Throws<AzureConfigurationException>(() => ConnectionString.Parse($"SubscriptionId={Subscription};WorkspaceName=ws;ApiKey={Key};QuantumEndpoint=https://eastus.quantum.azure.com/"));
        Assert.Contains("ResourceGroupName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_override_the_environment_which_overrides_the_config_file()
    {
        var config = Path.Combine(directory, "azure.json");
        File.WriteAllText(config, $$"""{"subscriptionId": "{{Subscription}}", "resourceGroup": "from-file", "workspace": "file-ws", "location": "westeurope"}""");
        var environment = Environment((AzureSettings.ResourceGroupVariable, "from-env"), (AzureSettings.WorkspaceVariable, "env-ws"));

        var resolved = AzureSettings.Resolve(new AzureSettingsInput(Workspace: "option-ws", ConfigFile: config), environment, DefaultCredential);

        Assert.Equal("option-ws", resolved.Connection.WorkspaceName);
        Assert.Equal("from-env", resolved.Connection.ResourceGroup);
        Assert.Equal(Subscription, resolved.Connection.SubscriptionId);
        Assert.Equal(new Uri("https://westeurope.quantum.azure.com/"), resolved.Connection.Endpoint);
        Assert.Equal("test default credential", resolved.Credential.Description);
    }

    [Fact]
    public void An_api_key_in_the_environment_is_used_instead_of_entra()
    {
        var environment = Environment((AzureSettings.ApiKeyVariable, Key), ("QSAN_AZURE_CONFIG", NoConfig));
        var resolved = AzureSettings.Resolve(new AzureSettingsInput(ResourceId: $"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.Quantum/Workspaces/ws", Location: "West US", ConfigFile: null), environment, DefaultCredential);

        Assert.Equal("workspace API key", resolved.Credential.Description);
        Assert.DoesNotContain(Key, resolved.ToString(), StringComparison.Ordinal);
        Assert.Equal(new Uri("https://westus.quantum.azure.com/"), resolved.Connection.Endpoint);
    }

    [Fact]
    public void The_connection_string_variable_configures_everything()
    {
        var environment = Environment((AzureSettings.ConnectionStringVariable, $"SubscriptionId={Subscription};ResourceGroupName=rg;WorkspaceName=ws;ApiKey={Key};QuantumEndpoint=https://westus.quantum.azure.com/;"), ("QSAN_AZURE_CONFIG", NoConfig));

        var resolved = AzureSettings.Resolve(new AzureSettingsInput(), environment, DefaultCredential);

        Assert.Equal("ws", resolved.Connection.WorkspaceName);
        Assert.Equal("workspace API key", resolved.Credential.Description);
    }

    [Fact]
    public void A_config_file_with_a_secret_is_refused()
    {
        var config = Path.Combine(directory, "azure.json");
        File.WriteAllText(config, $$"""{"subscriptionId": "{{Subscription}}", "apiKey": "{{Key}}"}""");

        var error = Assert.Throws<AzureConfigurationException>(() => AzureSettings.Resolve(new AzureSettingsInput(ConfigFile: config), Environment(), DefaultCredential));

        Assert.Contains(AzureSettings.ApiKeyVariable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_settings_are_listed_with_where_to_give_them()
    {
        var error = Assert.Throws<AzureConfigurationException>(() => AzureSettings.Resolve(new AzureSettingsInput(Workspace: "ws"), Environment(("QSAN_AZURE_CONFIG", NoConfig)), DefaultCredential));

        Assert.Contains("subscription (AzureSettingsInput.SubscriptionId or", error.Message, StringComparison.Ordinal);
        Assert.Contains(AzureSettings.ResourceGroupVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureSettingsInput.Location", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("workspace (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_config_file_follows_XDG() =>
        Assert.Equal(Path.Combine("/x", "qsan", "azure.json"), AzureSettings.DefaultConfigPath(Environment(("XDG_CONFIG_HOME", "/x"))));

    [Theory]
    [InlineData("V2", "https://westus-v2.quantum.azure.com/")]
    [InlineData("v1", "https://westus.quantum.azure.com/")]
    [InlineData(null, "https://westus.quantum.azure.com/")]
    public void A_location_reaches_the_endpoint_of_its_workspace_kind(string? kind, string endpoint)
    {
        var resolved = AzureSettings.Resolve(new AzureSettingsInput(SubscriptionId: Subscription, ResourceGroup: "rg", Workspace: "ws", Location: "West US", WorkspaceKind: kind),
            Environment(("QSAN_AZURE_CONFIG", NoConfig)), DefaultCredential);

        Assert.Equal(new Uri(endpoint), resolved.Connection.Endpoint);
        Assert.Equal(kind is "V2" ? WorkspaceKind.V2 : WorkspaceKind.V1, resolved.Connection.Kind);
    }

    [Fact]
    public void The_workspace_kind_and_api_version_come_from_the_environment_too()
    {
        var resolved = AzureSettings.Resolve(new AzureSettingsInput(SubscriptionId: Subscription, ResourceGroup: "rg", Workspace: "ws", Location: "eastus"),
            Environment(("QSAN_AZURE_CONFIG", NoConfig), (AzureSettings.WorkspaceKindVariable, "v2"), (AzureSettings.ApiVersionVariable, "2024-10-01-preview")), DefaultCredential);

        Assert.Equal(new Uri("https://eastus-v2.quantum.azure.com/"), resolved.Connection.Endpoint);
        Assert.Equal("2024-10-01-preview", resolved.ApiVersion);
        Assert.Equal("2024-10-01-preview", resolved.Client().ApiVersion);
    }

    [Fact]
    public void A_V2_connection_string_keeps_its_host()
    {
        var cs = ConnectionString.Parse($"SubscriptionId={Subscription};ResourceGroupName=rg;WorkspaceName=ws;ApiKey={Key};QuantumEndpoint=https://eastus2-v2.quantum.azure.com/;");

        Assert.Equal(WorkspaceKind.V2, cs.Connection.Kind);
    }

    [Theory]
    [InlineData("1111111-2222-3333-4444-555555555555", "subscription id")]
    [InlineData("{11111111-2222-3333-4444-555555555555}", "subscription id")]
    [InlineData("11111111222233334444555555555555", "subscription id")]
    [InlineData("gggggggg-2222-3333-4444-555555555555", "subscription id")]
    public void Subscription_ids_must_be_GUIDs_as_the_spec_writes_them(string subscription, string message)
    {
        var error = Assert.Throws<AzureConfigurationException>(() => new WorkspaceConnection(new Uri("https://westus.quantum.azure.com/"), subscription, "rg", "ws").Validate());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upper_case_subscription_id_is_sent_lower_case_and_bad_names_are_refused()
    {
        var connection = new WorkspaceConnection(new Uri("https://westus.quantum.azure.com/"), Subscription.ToUpperInvariant().Replace('5', 'A'), "rg", "ws").Validate();

        Assert.Equal(Subscription.Replace('5', 'a'), connection.SubscriptionId);
        Assert.Throws<AzureConfigurationException>(() => new WorkspaceConnection(new Uri("https://westus.quantum.azure.com/"), Subscription, "rg", "w").Validate());
        Assert.Throws<AzureConfigurationException>(() => new WorkspaceConnection(new Uri("https://westus.quantum.azure.com/"), Subscription, "1rg", "ws").Validate());
        Assert.Throws<AzureConfigurationException>(() => AzureSettings.Resolve(new AzureSettingsInput(SubscriptionId: Subscription, ResourceGroup: "rg", Workspace: "ws", Location: "westus", WorkspaceKind: "v3"),
            Environment(("QSAN_AZURE_CONFIG", NoConfig)), DefaultCredential));
        Assert.Throws<AzureConfigurationException>(() => AzureSettings.Resolve(new AzureSettingsInput(SubscriptionId: Subscription, ResourceGroup: "rg", Workspace: "ws", Location: "westus", ApiVersion: "latest"),
            Environment(("QSAN_AZURE_CONFIG", NoConfig)), DefaultCredential));
    }
}

using QSan.Azure.Connection;

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

        Assert.Contains("--subscription", error.Message, StringComparison.Ordinal);
        Assert.Contains(AzureSettings.ResourceGroupVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("--location", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("workspace (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_config_file_follows_XDG() =>
        Assert.Equal(Path.Combine("/x", "qsan", "azure.json"), AzureSettings.DefaultConfigPath(Environment(("XDG_CONFIG_HOME", "/x"))));
}

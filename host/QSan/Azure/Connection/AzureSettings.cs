using System.Text.Json;
using System.Text.RegularExpressions;

namespace QSan.Azure.Connection;

/// <summary>
/// Finds the workspace settings: command-line options first, then environment variables, then a JSON config file
/// (<c>$QSAN_AZURE_CONFIG</c>, else <c>$XDG_CONFIG_HOME/qsan/azure.json</c> or <c>~/.config/qsan/azure.json</c>).
/// Environment variable names follow azure-quantum-python (_constants.py EnvironmentVariables). Secrets (the API key, a
/// connection string) come only from options or the environment: a config file holding one is refused, so nothing secret
/// sits in a file QSan reads by default, and QSan itself never writes settings.
/// </summary>
public static partial class AzureSettings
{
    /// <summary>A whole connection string (workspace and API key).</summary>
    public const string ConnectionStringVariable = "AZURE_QUANTUM_CONNECTION_STRING";

    /// <summary>The workspace API key (used with the other settings).</summary>
    public const string ApiKeyVariable = "AZURE_QUANTUM_API_KEY";

    /// <summary>The subscription.</summary>
    public const string SubscriptionVariable = "AZURE_QUANTUM_SUBSCRIPTION_ID";

    /// <summary>The resource group.</summary>
    public const string ResourceGroupVariable = "AZURE_QUANTUM_WORKSPACE_RG";

    /// <summary>The workspace name.</summary>
    public const string WorkspaceVariable = "AZURE_QUANTUM_WORKSPACE_NAME";

    /// <summary>The region.</summary>
    public const string LocationVariable = "AZURE_QUANTUM_WORKSPACE_LOCATION";

    /// <summary>An explicit endpoint.</summary>
    public const string EndpointVariable = "AZURE_QUANTUM_BASEURL";

    /// <summary>The workspace kind, V1 or V2 (V2 workspaces live at https://{region}-v2.quantum.azure.com).</summary>
    public const string WorkspaceKindVariable = "QSAN_AZURE_WORKSPACE_KIND";

    /// <summary>The data plane's api-version.</summary>
    public const string ApiVersionVariable = "QSAN_AZURE_API_VERSION";

    /// <summary>The config file's path.</summary>
    public const string ConfigVariable = "QSAN_AZURE_CONFIG";

    [GeneratedRegex(@"^/subscriptions/(?<s>[^/]+)/resourceGroups/(?<g>[^/]+)/providers/Microsoft\.Quantum/Workspaces/(?<w>[^/]+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceIdPattern();

    /// <summary>The default config file.</summary>
    public static string DefaultConfigPath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(ConfigVariable) is { Length: > 0 } explicitPath) return explicitPath;
        var xdg = environment("XDG_CONFIG_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : xdg;
        return Path.Combine(root, "qsan", "azure.json");
    }

    /// <summary>Resolves the workspace and credential; throws <see cref="AzureConfigurationException"/> saying what is missing.</summary>
    /// <param name="input">Explicit settings.</param>
    /// <param name="environment">Reads environment variables (tests pass their own).</param>
    /// <param name="defaultCredential">The credential used when no API key is given (default: DefaultAzureCredential).</param>
    public static ResolvedWorkspace Resolve(AzureSettingsInput input, Func<string, string?>? environment = null, Func<WorkspaceCredential>? defaultCredential = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        environment ??= Environment.GetEnvironmentVariable;
        defaultCredential ??= WorkspaceCredential.Default;
        string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;

        string ApiVersionOf(Dictionary<string, string>? file)
        {
            var text = input.ApiVersion ?? Env(ApiVersionVariable) ?? (file is not null && file.TryGetValue("apiVersion", out var f) ? f : null);
            if (text is null) return QuantumClientOptions.DefaultApiVersion;
            try
            {
                return QuantumClientOptions.CheckApiVersion(text);
            }
            catch (ArgumentException e)
            {
                throw new AzureConfigurationException(e.Message.Split(" (Parameter", 2)[0], e);
            }
        }

        if (input.ConnectionString is { Length: > 0 } fromOption)
        {
            var cs = ConnectionString.Parse(fromOption);
            return new ResolvedWorkspace(cs.Connection, WorkspaceCredential.FromApiKey(cs.ApiKey), Setting(nameof(input.ConnectionString)), ApiVersionOf(null));
        }
        var configPath = input.ConfigFile ?? DefaultConfigPath(environment);
        var file = ReadConfig(configPath, required: input.ConfigFile is not null);
        if (Env(ConnectionStringVariable) is { } fromEnvironment && !HasExplicitWorkspace(input))
        {
            var cs = ConnectionString.Parse(fromEnvironment);
            return new ResolvedWorkspace(cs.Connection, WorkspaceCredential.FromApiKey(cs.ApiKey), ConnectionStringVariable, ApiVersionOf(file));
        }

        var sources = new SortedSet<string>();
        string? Pick(string? option, string variable, string key)
        {
            if (option is { Length: > 0 }) { sources.Add("options"); return option; }
            if (Env(variable) is { } v) { sources.Add("environment"); return v; }
            if (file.TryGetValue(key, out var f)) { sources.Add(configPath); return f; }
            return null;
        }

        string? subscription = null, group = null, workspace = null;
        var resourceId = Pick(input.ResourceId, "QSAN_AZURE_RESOURCE_ID", "resourceId");
        if (resourceId is not null)
        {
            var m = ResourceIdPattern().Match(resourceId);
            if (!m.Success) throw new AzureConfigurationException($"'{resourceId}' is not a workspace resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Quantum/Workspaces/…).");
            (subscription, group, workspace) = (m.Groups["s"].Value, m.Groups["g"].Value, m.Groups["w"].Value);
        }
        subscription = Pick(input.SubscriptionId, SubscriptionVariable, "subscriptionId") ?? subscription;
        group = Pick(input.ResourceGroup, ResourceGroupVariable, "resourceGroup") ?? group;
        workspace = Pick(input.Workspace, WorkspaceVariable, "workspace") ?? workspace;
        var endpointText = Pick(input.Endpoint, EndpointVariable, "endpoint");
        var location = Pick(input.Location, LocationVariable, "location");
        var kindText = Pick(input.WorkspaceKind, WorkspaceKindVariable, "workspaceKind");

        var apiKey = Env(ApiKeyVariable);
        // Named by resource id with an Entra credential and no explicit endpoint: the endpoint comes from ARM, as
        // Microsoft's clients read it (ResolvedWorkspace.DiscoverAsync); a location stays the fallback.
        var fromArm = resourceId is not null && endpointText is null && apiKey is null;
        var missing = new List<string>();
        if (subscription is null) missing.Add($"subscription ({Setting(nameof(input.SubscriptionId))} or {SubscriptionVariable})");
        if (group is null) missing.Add($"resource group ({Setting(nameof(input.ResourceGroup))} or {ResourceGroupVariable})");
        if (workspace is null) missing.Add($"workspace ({Setting(nameof(input.Workspace))} or {WorkspaceVariable})");
        if (endpointText is null && location is null && !fromArm)
            missing.Add($"location ({Setting(nameof(input.Location))} or {LocationVariable}) or endpoint ({Setting(nameof(input.Endpoint))} or {EndpointVariable})");
        if (missing.Count > 0)
            throw new AzureConfigurationException($"No Azure Quantum workspace is configured: missing {string.Join("; ", missing)}. Alternatively set {ConnectionStringVariable} to the workspace's connection string, or write the settings (no secrets) to {configPath}.");

        Uri endpoint;
        if (endpointText is not null)
        {
            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint!)) throw new AzureConfigurationException($"The endpoint '{endpointText}' is not a URL.");
        }
        else endpoint = location is null ? ResolvedWorkspace.EndpointFromArm : WorkspaceConnection.RegionEndpoint(location, WorkspaceConnection.ParseKind(kindText));

        var connection = new WorkspaceConnection(endpoint, subscription!, group!, workspace!).Validate();
        var credential = apiKey is { } key ? WorkspaceCredential.FromApiKey(key) : defaultCredential();
        if (apiKey is not null) sources.Add("environment");
        return new ResolvedWorkspace(connection, credential, string.Join(", ", sources), ApiVersionOf(file)) { ReadFromArm = fromArm };
    }

    /// <summary>How messages name one of the explicit settings: <c>AzureSettingsInput.Location</c>.</summary>
    internal static string Setting(string property) => $"{nameof(AzureSettingsInput)}.{property}";

    private static bool HasExplicitWorkspace(AzureSettingsInput input) =>
        input.ResourceId is not null || input.SubscriptionId is not null || input.Workspace is not null;

    private static Dictionary<string, string> ReadConfig(string path, bool required)
    {
        if (!File.Exists(path))
        {
            if (required) throw new AzureConfigurationException($"The Azure settings file {path} does not exist.");
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new AzureConfigurationException($"{path}: expected a JSON object.");
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Contains("key", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("connection", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("secret", StringComparison.OrdinalIgnoreCase))
                    throw new AzureConfigurationException($"{path} holds '{property.Name}'. Keep secrets out of files: set {ApiKeyVariable} or {ConnectionStringVariable} in the environment instead.");
                if (property.Value.ValueKind != JsonValueKind.String) throw new AzureConfigurationException($"{path}: '{property.Name}' must be a string.");
                values[property.Name] = property.Value.GetString()!;
            }
            return values;
        }
        catch (JsonException e)
        {
            throw new AzureConfigurationException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}

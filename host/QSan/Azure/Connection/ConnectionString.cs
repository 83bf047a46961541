namespace QSan.Azure.Connection;

/// <summary>
/// A workspace connection string as the Azure portal gives it:
/// <c>SubscriptionId=…;ResourceGroupName=…;WorkspaceName=…;ApiKey=…;QuantumEndpoint=https://westus.quantum.azure.com/;</c>
/// (azure-quantum-python: VALID_CONNECTION_STRING; older strings say WorkspaceKey instead of ApiKey).
/// </summary>
/// <param name="Connection">The workspace it names.</param>
/// <param name="ApiKey">The key (secret: never print it).</param>
public sealed record ConnectionString(WorkspaceConnection Connection, string ApiKey)
{
    /// <summary>Parses a connection string; throws <see cref="AzureConfigurationException"/> naming the missing part, never echoing the key.</summary>
    public static ConnectionString Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new AzureConfigurationException("The connection string has a part without 'name=value'.");
            parts[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        string Get(string name, string? alternative = null) =>
            parts.TryGetValue(name, out var v) && v.Length > 0 ? v
            : alternative is not null && parts.TryGetValue(alternative, out var w) && w.Length > 0 ? w
            : throw new AzureConfigurationException($"The connection string has no {name}.");
        var endpointText = Get("QuantumEndpoint");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)) throw new AzureConfigurationException($"The connection string's QuantumEndpoint '{endpointText}' is not a URL.");
        var connection = new WorkspaceConnection(endpoint, Get("SubscriptionId"), Get("ResourceGroupName"), Get("WorkspaceName")).Validate();
        return new ConnectionString(connection, Get("ApiKey", "WorkspaceKey"));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Connection} (API key hidden)";
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace QSan.Azure.Connection;

/// <summary>
/// How requests to the workspace authenticate: an Entra token for the scope <c>https://quantum.microsoft.com/.default</c>
/// (REST spec: AzureEntraAuth; azure-quantum-python: DATA_PLANE_CREDENTIAL_SCOPE), or the workspace API key in the
/// <c>x-ms-quantum-api-key</c> header (REST spec: AzureApiKeyAuth). The key is held only in memory and never printed.
/// </summary>
public sealed class WorkspaceCredential
{
    /// <summary>The data-plane scope.</summary>
    public const string Scope = "https://quantum.microsoft.com/.default";

    /// <summary>The API key header.</summary>
    public const string ApiKeyHeader = "x-ms-quantum-api-key";

    private readonly TokenCredential? token;
    private readonly AzureKeyCredential? key;

    private WorkspaceCredential(TokenCredential? token, AzureKeyCredential? key, string description)
    {
        this.token = token;
        this.key = key;
        Description = description;
    }

    /// <summary>What kind of credential this is, safe to print.</summary>
    public string Description { get; }

    /// <summary>Authenticates with the workspace API key.</summary>
    public static WorkspaceCredential FromApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return new WorkspaceCredential(null, new AzureKeyCredential(apiKey), "workspace API key");
    }

    /// <summary>Authenticates with an Entra token credential (e.g. a service principal or a test double).</summary>
    public static WorkspaceCredential FromToken(TokenCredential credential, string description = "Entra token")
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new WorkspaceCredential(credential, null, description);
    }

    /// <summary>Azure.Identity's DefaultAzureCredential (environment, managed identity, Azure CLI, …).</summary>
    public static WorkspaceCredential Default() => FromToken(new DefaultAzureCredential(), "DefaultAzureCredential");

    /// <summary>The Entra credential, or null for an API key (which Azure Resource Manager does not take).</summary>
    internal TokenCredential? Token => token;

    /// <summary>The pipeline policy that adds the credential to each request.</summary>
    internal HttpPipelinePolicy Policy() =>
        key is not null ? new ApiKeyPolicy(key, ApiKeyHeader) : new BearerTokenAuthenticationPolicy(token!, Scope);

    /// <inheritdoc/>
    public override string ToString() => Description;
}

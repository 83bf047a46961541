using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace QSan.Azure.Connection;

/// <summary>Adds the workspace API key header to every request (Azure.Core's own key policy is internal).</summary>
/// <param name="key">The key.</param>
/// <param name="header">The header name.</param>
internal sealed class ApiKeyPolicy(AzureKeyCredential key, string header) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc/>
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(header, key.Key);
    }
}

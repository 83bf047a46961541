using Azure.Core;
using Azure.Core.Pipeline;

namespace QSan.Azure.Service;

/// <summary>Counts the tries of a message (it runs once per retry), so throttling errors can say how often the service refused.</summary>
internal sealed class AttemptCounter : HttpPipelineSynchronousPolicy
{
    private const string Key = "qsan.attempts";

    /// <summary>Tries so far of <paramref name="message"/>.</summary>
    public static int Attempts(HttpMessage message) => message.TryGetProperty(Key, out var value) && value is int n ? n : 0;

    /// <inheritdoc/>
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.SetProperty(Key, Attempts(message) + 1);
    }
}

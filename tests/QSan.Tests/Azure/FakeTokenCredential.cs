using System.Collections.Concurrent;
using Azure.Core;

namespace QSan.Tests.Azure;

/// <summary>A token credential that hands out the fake service's bearer token and records the scopes asked for.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    public ConcurrentQueue<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes) Scopes.Enqueue(scope);
        return new AccessToken(FakeAzureQuantum.BearerToken, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}

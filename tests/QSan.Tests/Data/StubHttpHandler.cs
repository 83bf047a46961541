using System.Net;

namespace QSan.Tests.Data;

/// <summary>Serves fixed bytes per URL in process, records the requests, and answers 404 to anything else.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<Uri, byte[]> routes = [];

    public List<Uri> Requests { get; } = [];

    /// <summary>When set, every request fails like an unreachable network.</summary>
    public bool Offline { get; init; }

    public StubHttpHandler Serve(Uri url, byte[] body)
    {
        routes[url] = body;
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        Requests.Add(url);
        if (Offline) throw new HttpRequestException("Network is unreachable (stub).");
        var response = routes.TryGetValue(url, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "Not Found" };
        return Task.FromResult(response);
    }
}

using System.Text.Json.Nodes;

namespace QSan.Tests.Azure;

/// <summary>A session held by the fake service: its PUT body, and whether (and how) it was closed.</summary>
internal sealed class FakeSession(string id, int order, JsonObject body)
{
    private readonly object gate = new();
    private string status = "Waiting";

    public string Id => id;

    public int Order => order;

    public string? Target => body["target"]?.GetValue<string>();

    public bool Closed { get; private set; }

    /// <summary>Closes the session; its status follows its jobs (Succeeded, Failed, or Failure(s) when some failed).</summary>
    public void Close(IReadOnlyList<FakeJob> jobs)
    {
        lock (gate)
        {
            Closed = true;
            var failed = jobs.Count(j => j.Status is "Failed" or "Cancelled");
            status = failed == 0 ? "Succeeded" : failed == jobs.Count ? "Failed" : "Failure(s)";
        }
    }

    public JsonObject Details()
    {
        lock (gate)
        {
            var details = body.DeepClone().AsObject();
            details["status"] = status;
            details["creationTime"] = "2025-01-01T00:00:00Z";
            return details;
        }
    }
}

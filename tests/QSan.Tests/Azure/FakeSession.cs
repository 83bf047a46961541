using System.Text.Json.Nodes;

namespace QSan.Tests.Azure;

/// <summary>A session held by the fake service: its PUT body, and whether (and how) it was closed.</summary>
internal sealed class FakeSession(string id, int order, JsonObject body, DateTimeOffset opened)
{
    private readonly object gate = new();
    private string status = "Waiting";
    private DateTimeOffset lastJob = opened;

    /// <summary>
    /// Learn (how-to-work-with-sessions): "If no new job is submitted within the session for 10 minutes, then that session
    /// times out" and reports TimedOut. Whether the service then refuses a job naming it is not documented; the fake records
    /// such a job as a violation.
    /// </summary>
    public bool TimedOut(DateTimeOffset now, TimeSpan idle)
    {
        lock (gate)
        {
            if (!Closed && status != "TimedOut" && now - lastJob >= idle) status = "TimedOut";
            return status == "TimedOut";
        }
    }

    /// <summary>A job joined the session at <paramref name="now"/>.</summary>
    public void JobAdded(DateTimeOffset now)
    {
        lock (gate) lastJob = now;
    }

    public string Id => id;

    public int Order => order;

    public string? Target => body["target"]?.GetValue<string>();

    public bool Closed { get; private set; }

    /// <summary>Closes the session; its status follows its jobs (Succeeded, Failed, or Failure(s) when some failed).</summary>
    public void Close(IReadOnlyList<FakeJob> jobs)
    {
        lock (gate)
        {
            if (status == "TimedOut") return;
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

using System.Text.Json.Nodes;

namespace QSan.Tests.Azure;

/// <summary>A job held by the fake service: its PUT body, its script position, and its output once it ran.</summary>
internal sealed class FakeJob(string id, int order, JsonObject body, JobScript script, int shots, string inputFormat, string outputFormat, byte[] input)
{
    private readonly object gate = new();
    private int step = -1;
    private string? outputUri;
    private bool cancelled;

    public string Id => id;

    public int Order => order;

    public int Shots => shots;

    /// <summary>The PUT body the job was created with.</summary>
    public JsonObject Body => body;

    /// <summary>The session the job was submitted into, if any.</summary>
    public string? SessionId => body["sessionId"]?.GetValue<string>();

    /// <summary>The inputParams of the PUT body.</summary>
    public JsonObject? InputParams => body["inputParams"] as JsonObject;

    public string InputFormat => inputFormat;

    public string OutputFormat => outputFormat;

    public byte[] Input => input;

    public int Polls { get; private set; }

    public string Status
    {
        get
        {
            lock (gate) return cancelled ? "Cancelled" : step < 0 ? "Waiting" : script.Statuses[Math.Min(step, script.Statuses.Length - 1)];
        }
    }

    /// <summary>A GET moves the job one step along its script; reaching Succeeded runs the program.</summary>
    public void Advance(FakeAzureQuantum service)
    {
        lock (gate)
        {
            Polls++;
            if (cancelled) return;
            step++;
            if (Status == "Succeeded" && outputUri is null) outputUri = service.Execute(this);
            if (Status == "Failed" && outputUri is null && script.FailureOutput is { } failure) outputUri = service.Store(this, failure);
        }
    }

    public void Cancel()
    {
        lock (gate) cancelled = true;
    }

    /// <summary>The job as the service returns it: the PUT body plus status, times, output and error.</summary>
    public JsonObject Details()
    {
        lock (gate)
        {
            var details = body.DeepClone().AsObject();
            details["status"] = Status;
            details["creationTime"] = "2025-01-01T00:00:00Z";
            if (Status == "Succeeded")
            {
                details["outputDataUri"] = outputUri;
                details["costEstimate"] = new JsonObject { ["currencyCode"] = "USD", ["estimatedTotal"] = 0.0, ["events"] = new JsonArray() };
            }
            if (Status == "Failed" && script.Error is { } e) details["errorData"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
            if (Status == "Failed" && outputUri is not null) details["outputDataUri"] = outputUri;
            if (cancelled) details["cancellationTime"] = "2025-01-01T00:01:00Z";
            return details;
        }
    }
}

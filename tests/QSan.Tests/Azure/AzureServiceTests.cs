using System.Text;
using System.Text.Json.Nodes;
using QSan.Azure.Connection;
using QSan.Azure.Payloads;
using QSan.Azure.Results;
using QSan.Azure.Service;
using QSan.Azure.Targets;

namespace QSan.Tests.Azure;

/// <summary>The data-plane client against the loopback fake: every request checked, every service behaviour replayed.</summary>
public sealed class AzureServiceTests : IAsyncLifetime
{
    private static readonly JobWaitOptions FastPolling = new(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(30));

    private FakeAzureQuantum fake = null!;

    public async Task InitializeAsync() => fake = await FakeAzureQuantum.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private static JobPayload BellPayload(int shots = 100) =>
        new("ionq.circuit.v1", OutputFormats.IonQ, "application/json",
            Encoding.UTF8.GetBytes("""{"gateset":"qis","qubits":2,"circuit":[{"gate":"h","targets":[0]},{"gate":"x","controls":[0],"targets":[1]}]}"""),
            new JsonObject { ["shots"] = shots }, ".json", 2);

    [Fact]
    public async Task A_submitted_job_goes_from_waiting_through_executing_to_succeeded_and_its_results_are_read()
    {
        var client = fake.Client();
        var seen = new List<string?>();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, new SyncProgress<JobDetails>(j => seen.Add(j.Status)), default);
        var histogram = await client.GetResultsAsync(done, 2, default);

        Assert.Empty(fake.Violations);
        Assert.Equal(["Waiting", "Executing", "Succeeded"], seen);
        Assert.Equal(100, histogram.Shots);
        Assert.Equal(0.5, histogram.OneProbability(0), 1);
        Assert.All(histogram.Outcomes, o => Assert.True(o.Bits is 0b00 or 0b11, "a Bell pair measures 00 or 11"));
        Assert.Equal(
            [$"POST {Path}/storage/sasUri", $"PUT /job-{job.Id}", $"PUT /job-{job.Id}/inputData", $"PUT {Path}/jobs/{job.Id}",
             $"GET {Path}/jobs/{job.Id}", $"GET {Path}/jobs/{job.Id}", $"GET {Path}/jobs/{job.Id}",
             $"POST {Path}/storage/sasUri", $"GET /job-{job.Id}/rawOutputData"],
            fake.Requests);
    }

    [Fact]
    public async Task An_output_uri_with_its_own_SAS_is_downloaded_without_asking_for_one()
    {
        fake.OutputUriWithSas = true;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);
        await client.GetResultsAsync(done, 2, default);

        Assert.Empty(fake.Violations);
        Assert.Single(fake.Requests, r => r.EndsWith("/storage/sasUri", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bearer_tokens_are_requested_for_the_quantum_scope_and_never_sent_to_storage()
    {
        fake.ExpectApiKey = false;
        var credential = new FakeTokenCredential();
        var client = new QuantumServiceClient(fake.Connection, WorkspaceCredential.FromToken(credential), fake.ClientOptions());
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        await client.GetResultsAsync(await client.WaitForJobAsync(job.Id!, FastPolling, null, default), 2, default);

        Assert.Empty(fake.Violations); // the fake flags any credential on a storage request
        Assert.All(credential.Scopes, s => Assert.Equal("https://quantum.microsoft.com/.default", s));
        Assert.NotEmpty(credential.Scopes);
    }

    [Fact]
    public async Task A_failed_job_raises_its_error_data()
    {
        fake.Script = _ => JobScript.Fails;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);

        Assert.Equal("Failed", done.Status);
        var error = await Assert.ThrowsAsync<AzureQuantumJobFailedException>(() => client.GetResultsAsync(done, 2, default));
        Assert.Contains("InvalidInputData", error.Message, StringComparison.Ordinal);
        Assert.Contains("more qubits than the target has", error.Message, StringComparison.Ordinal);
        Assert.Contains(job.Id!, error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Throttled_requests_are_retried_after_the_services_wait_and_then_succeed()
    {
        fake.Throttle(2, "/jobs/", retryAfterSeconds: "0");
        var client = fake.Client(maxRetries: 3);
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);

        Assert.Equal("Waiting", job.Status);
        Assert.Equal(3, fake.Requests.Count(r => r == $"PUT {Path}/jobs/{job.Id}"));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_becomes_a_clear_error()
    {
        fake.Throttle(100, "/providerStatus", retryAfterSeconds: "0");
        var client = fake.Client(maxRetries: 2);

        var error = await Assert.ThrowsAsync<AzureQuantumThrottledException>(() => client.GetProviderStatusAsync(default));
        Assert.Equal(3, error.Attempts);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Equal(429, error.Status);
        Assert.Equal("TooManyRequests", error.ErrorCode);
        Assert.Equal(3, fake.Requests.Count(r => r.EndsWith("/providerStatus", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_job_that_never_finishes_times_out_cleanly_and_keeps_running()
    {
        fake.Script = _ => JobScript.NeverFinishes;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "slow", null, default);
        var wait = FastPolling with { Timeout = TimeSpan.FromMilliseconds(200) };

        var error = await Assert.ThrowsAsync<AzureQuantumTimeoutException>(() => client.WaitForJobAsync(job.Id!, wait, null, default));
        Assert.Equal("Executing", error.Job.Status);
        Assert.Contains($"qsan azure results {job.Id}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.True(fake.Jobs[job.Id!].Polls > 1);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_timeout_can_cancel_the_job()
    {
        fake.Script = _ => JobScript.NeverFinishes;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "slow", null, default);
        var wait = FastPolling with { Timeout = TimeSpan.FromMilliseconds(100), CancelOnTimeout = true };

        var error = await Assert.ThrowsAsync<AzureQuantumTimeoutException>(() => client.WaitForJobAsync(job.Id!, wait, null, default));
        Assert.Contains("cancel", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Cancelled", fake.Jobs[job.Id!].Status);
    }

    [Fact]
    public async Task A_cancelled_job_ends_cancelled_and_has_no_results()
    {
        fake.Script = _ => JobScript.NeverFinishes;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        await client.CancelJobAsync(job.Id!, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);

        Assert.Equal("Cancelled", done.Status);
        Assert.Contains($"DELETE {Path}/jobs/{job.Id}", fake.Requests);
        var error = await Assert.ThrowsAsync<AzureQuantumJobFailedException>(() => client.GetResultsAsync(done, 2, default));
        Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Job_lists_follow_next_links_and_provider_status_lists_targets()
    {
        var client = fake.Client();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), $"job{i}", null, default)).Id!);

        var listed = await client.ListJobsAsync(10, default);
        var providers = await client.GetProviderStatusAsync(default);

        Assert.Equal(ids, listed.Select(j => j.Id));
        Assert.Equal(3, fake.Requests.Count(r => r == $"GET {Path}/jobs"));
        Assert.Contains(providers, p => p.Id == "ionq" && p.Targets!.Any(t => t.Id == "ionq.simulator" && t.AverageQueueTime == 3));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task HTTP_errors_name_the_operation_the_status_and_the_service_code()
    {
        var client = fake.Client();
        var missing = Guid.NewGuid().ToString("D");

        var error = await Assert.ThrowsAsync<AzureQuantumRequestException>(() => client.GetJobAsync(missing, default));
        Assert.Equal(404, error.Status);
        Assert.Equal("JobNotFound", error.ErrorCode);
        Assert.Contains($"GET job {missing}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_errors_are_read_from_their_XML_without_leaking_the_signature()
    {
        var client = fake.Client();
        var sas = await client.GetSasUriAsync("job-x", "absent", default);

        var error = await Assert.ThrowsAsync<AzureQuantumRequestException>(() => client.DownloadBlobAsync(sas, default));
        Assert.Equal("BlobNotFound", error.ErrorCode);
        Assert.DoesNotContain("fakesig", error.Message, StringComparison.Ordinal);
    }

    private static string Path => $"/subscriptions/{FakeAzureQuantum.Subscription}/resourceGroups/{FakeAzureQuantum.ResourceGroup}/providers/Microsoft.Quantum/workspaces/{FakeAzureQuantum.WorkspaceName}";
}

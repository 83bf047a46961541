using System.Text;
using System.Text.Json.Nodes;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
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
            [$"POST {Path}/storage/sasUri", $"PUT {Blobs}/job-{job.Id}/inputData", $"PUT {Path}/jobs/{job.Id}",
             $"GET {Path}/jobs/{job.Id}", $"GET {Path}/jobs/{job.Id}", $"GET {Path}/jobs/{job.Id}",
             $"POST {Path}/storage/sasUri", $"GET {Blobs}/job-{job.Id}/rawOutputData"],
            fake.Requests);
    }

    [Fact]
    public async Task Uploads_and_downloads_go_through_Azure_s_blob_library_on_the_same_transport()
    {
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);
        await client.GetResultsAsync(done, 2, default);

        // The input PUT and the output GET: both Azure.Storage.Blobs' requests (its User-Agent), with QSan's application id,
        // over the transport that trusts the fake's certificate; the fake checks the input blob's content type.
        Assert.Equal(2, fake.StorageUserAgents.Count);
        Assert.All(fake.StorageUserAgents, agent => Assert.StartsWith("qsan azsdk-net-Storage.Blobs/12.30.1 ", agent, StringComparison.Ordinal));
        Assert.Empty(fake.Violations);
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
    public async Task Cancel_under_the_current_api_version_is_a_POST_and_never_a_DELETE()
    {
        var (client, job, done) = await SubmitAndCancelAsync();

        Assert.Equal("2026-01-15-preview", client.ApiVersion);
        Assert.Equal("Cancelled", done.Status);
        Assert.Contains($"POST {Path}/jobs/{job.Id}:cancel", fake.Requests);
        Assert.DoesNotContain(fake.Requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Empty(fake.DeletedJobs);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task The_older_api_version_still_works_with_its_container_PUT_and_DELETE_cancel()
    {
        fake.ApiVersion = QuantumClientOptions.LegacyApiVersion;
        var (client, job, done) = await SubmitAndCancelAsync();

        Assert.Equal("Cancelled", done.Status);
        Assert.Contains($"PUT {Blobs}/job-{job.Id}", fake.Requests);
        Assert.Contains($"DELETE {Path}/jobs/{job.Id}", fake.Requests);
        Assert.DoesNotContain(fake.Requests, r => r.EndsWith(":cancel", StringComparison.Ordinal));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_job_of_the_current_version_is_refused_without_a_container_the_service_made()
    {
        // The fake's storage refuses uploads into containers nobody created: with the current version the sasUri call made it.
        var client = fake.Client();
        await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var sas = new Uri(fake.Storage, "job-nobody-made?sv=2023-01-03&se=2099-01-01T00%3A00%3A00Z&sp=racw&sig=fakesig");

        var error = await Assert.ThrowsAsync<AzureQuantumRequestException>(() => client.UploadBlobAsync(sas, "inputData", [1], "text/plain", default));
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task A_cancelled_job_ends_cancelled_and_has_no_results()
    {
        var (client, job, done) = await SubmitAndCancelAsync();

        Assert.Equal("Cancelled", done.Status);
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
    public async Task Provider_status_is_read_page_by_page_so_targets_behind_a_next_link_are_offered()
    {
        var client = fake.Client();

        var providers = await client.GetProviderStatusAsync(default);
        var h2 = await AzureEngines.CheckTargetAsync(client, "quantinuum.sim.h2-1e", default);

        Assert.Equal(["ionq", "quantinuum", "microsoft-qc"], providers.Select(p => p.Id));
        Assert.Equal(4, fake.Requests.Count(r => r == $"GET {Path}/providerStatus")); // two pages, read twice
        Assert.Equal(56, h2.MaxQubits);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_next_link_without_an_api_version_gets_the_clients_own()
    {
        fake.NextLinkWithoutApiVersion = true;
        var client = fake.Client();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), $"job{i}", null, default)).Id!);

        Assert.Equal(ids, (await client.ListJobsAsync(10, default)).Select(j => j.Id));
        Assert.Equal(2, fake.Requests.Count(r => r == $"GET {Path}/jobs"));
        Assert.Empty(fake.Violations);
        Assert.Contains("api-version=2026-01-15-preview", client.NextLink("/x/jobs?skip=2").Query, StringComparison.Ordinal);
        Assert.Contains("api-version=2026-01-15-preview", client.NextLink("/x/jobs?api-version=2020-01-01&skip=2").Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_IonQ_histogram_off_by_1e_5_is_parsed_and_renormalised()
    {
        fake.ExactProbabilities = true;
        fake.ProbabilityOffset = 1e-5;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);
        var histogram = await client.GetResultsAsync(done, 2, default);

        Assert.Equal(1, histogram.Outcomes.Sum(o => o.Probability), 12);
        Assert.Equal(0.5, histogram.OneProbability(0), 4);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task An_output_SAS_about_to_expire_is_replaced_before_the_read()
    {
        fake.OutputSasExpiresIn = TimeSpan.FromMinutes(1);
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);
        var histogram = await client.GetResultsAsync(done, 2, default);

        Assert.Equal(100, histogram.Shots);
        Assert.Equal(2, fake.Requests.Count(r => r.EndsWith("/storage/sasUri", StringComparison.Ordinal)));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task An_output_read_refused_for_its_SAS_is_read_again_from_fresh_job_details()
    {
        fake.OutputUriWithSas = true;
        fake.RefuseOutputReads = 1;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);
        var polls = fake.Requests.Count(r => r == $"GET {Path}/jobs/{job.Id}");
        var histogram = await client.GetResultsAsync(done, 2, default);

        Assert.Equal(100, histogram.Shots);
        Assert.Equal(polls + 1, fake.Requests.Count(r => r == $"GET {Path}/jobs/{job.Id}"));
        Assert.Equal(2, fake.Requests.Count(r => r == $"GET {Blobs}/job-{job.Id}/rawOutputData"));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Settings_given_by_location_reach_the_v2_host_of_a_V2_workspace()
    {
        var resolved = AzureSettings.Resolve(
            new AzureSettingsInput(SubscriptionId: FakeAzureQuantum.Subscription, ResourceGroup: FakeAzureQuantum.ResourceGroup, Workspace: FakeAzureQuantum.WorkspaceName, Location: "westus", WorkspaceKind: "V2"),
            name => name switch { AzureSettings.ApiKeyVariable => FakeAzureQuantum.ApiKey, "QSAN_AZURE_CONFIG" => "/nonexistent/azure.json", _ => null });
        var client = resolved.Client(fake.ClientOptions(route: true));

        var providers = await client.GetProviderStatusAsync(default);

        Assert.NotEmpty(providers);
        Assert.Equal(["westus-v2.quantum.azure.com"], fake.RoutedHosts);
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

    /// <summary>Submits a job that would never finish, cancels it and waits for it to end.</summary>
    private async Task<(QuantumServiceClient Client, JobDetails Job, JobDetails Done)> SubmitAndCancelAsync()
    {
        fake.Script = _ => JobScript.NeverFinishes;
        var client = fake.Client();
        var job = await client.SubmitJobAsync(BellPayload(), TargetCatalog.Find("ionq.simulator"), "bell", null, default);
        await client.CancelJobAsync(job.Id!, default);
        return (client, job, await client.WaitForJobAsync(job.Id!, FastPolling, null, default));
    }

    private static string Blobs => "/" + FakeAzureQuantum.StorageAccount;

    private static string Path => $"/subscriptions/{FakeAzureQuantum.Subscription}/resourceGroups/{FakeAzureQuantum.ResourceGroup}/providers/Microsoft.Quantum/workspaces/{FakeAzureQuantum.WorkspaceName}";
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using QSan.Azure.Connection;
using QSan.Azure.Payloads;
using QSan.Azure.Results;
using QSan.Azure.Targets;
using QSan.Quantum.Shots;

namespace QSan.Azure.Service;

/// <summary>
/// A small Azure Quantum data-plane client on Azure.Core: jobs (create, get, list, cancel), provider status, SAS URIs
/// for the workspace's storage, and blob upload and download on the SAS URLs through Azure's own blob library
/// (Azure.Storage.Blobs, as azure-quantum-python's storage.py uses azure-storage-blob). The protocol follows Microsoft's
/// sources: paths and bodies from the REST spec (specification/quantum/data-plane, 2024-10-01-preview) and
/// azure-quantum-python (_client operations, job/base_job.py, workspace.py, storage.py); the blob service version as the
/// QDK's VS Code extension sends it (vscode/src/azure/networkRequests.ts StorageUris.apiVersion: x-ms-version 2023-01-03).
/// </summary>
public sealed partial class QuantumServiceClient
{
    /// <summary>The blob service version sent as x-ms-version (the VS Code extension's StorageUris.apiVersion).</summary>
    public const string StorageVersion = "2023-01-03";

    /// <summary>The input blob's name (azure-quantum-python BaseJob.upload_input_data default, VS Code's "inputData").</summary>
    public const string InputBlobName = "inputData";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpPipeline service;
    private readonly BlobClientOptions storage;
    private readonly QuantumClientOptions options;

    /// <summary>Creates a client for <paramref name="connection"/>.</summary>
    public QuantumServiceClient(WorkspaceConnection connection, WorkspaceCredential credential, QuantumClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(credential);
        Connection = connection.Validate();
        this.options = options ?? new QuantumClientOptions();
        service = HttpPipelineBuilder.Build(this.options, [], [new AttemptCounter(), credential.Policy()], new ResponseClassifier());
        // Storage requests carry the SAS in the URL; the workspace credential must never travel to the storage account.
        storage = StorageOptions(this.options);
    }

    /// <summary>
    /// Blob client options with the data plane's transport, retries and application id (so a transport that trusts a
    /// test's certificate, or a proxy, serves storage too), speaking blob service version <see cref="StorageVersion"/>.
    /// </summary>
    public static BlobClientOptions StorageOptions(QuantumClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ApplyTo(new BlobClientOptions(BlobClientOptions.ServiceVersion.V2023_01_03));
    }

    /// <summary>The workspace.</summary>
    public WorkspaceConnection Connection { get; }

    [GeneratedRegex(@"<Code>(?<code>[^<]+)</Code>(?:\s*<Message>(?<message>[^<]*))?", RegexOptions.Singleline)]
    private static partial Regex StorageError();

    /// <summary>POST storage/sasUri: a SAS URL for a container (and blob) of the workspace's linked storage.</summary>
    public async Task<Uri> GetSasUriAsync(string containerName, string? blobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        var body = new JsonObject { ["containerName"] = containerName };
        if (blobName is not null) body["blobName"] = blobName;
        using var message = ServiceMessage(RequestMethod.Post, "/storage/sasUri", body);
        var response = await SendAsync(service, message, $"POST storage/sasUri for {containerName}{(blobName is null ? "" : "/" + blobName)}", cancellationToken).ConfigureAwait(false);
        var sas = Deserialize<JsonObject>(response, "storage/sasUri")["sasUri"]?.GetValue<string>()
            ?? throw new AzureQuantumException("storage/sasUri returned no sasUri.");
        return new Uri(sas);
    }

    /// <summary>
    /// Submits <paramref name="payload"/>: SAS for container job-{id}, container PUT (only before 2026-01-15-preview: from
    /// then on the service creates the container when it hands out its SAS), inputData upload, job PUT.
    /// </summary>
    public async Task<JobDetails> SubmitJobAsync(JobPayload payload, TargetInfo target, string name, JsonObject? metadata, CancellationToken cancellationToken) =>
        await SubmitJobAsync(payload, target, name, metadata, null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Submits <paramref name="payload"/> as a job of session <paramref name="sessionId"/> (null: no session);
    /// <paramref name="recovered"/> is told when the job PUT failed but the job exists (<see cref="CreateJobAsync"/>).
    /// </summary>
    public async Task<JobDetails> SubmitJobAsync(JobPayload payload, TargetInfo target, string name, JsonObject? metadata, string? sessionId, CancellationToken cancellationToken,
        Action<string>? recovered = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(target);
        var id = Guid.NewGuid().ToString("D");
        var container = await GetSasUriAsync($"job-{id}", null, cancellationToken).ConfigureAwait(false);
        if (!options.ServiceCreatesContainers) await CreateContainerAsync(container, cancellationToken).ConfigureAwait(false);
        var input = await UploadBlobAsync(container, InputBlobName, payload.Data, payload.ContentType, cancellationToken).ConfigureAwait(false);
        var job = NewJob(id, payload, target, name, metadata, container.AbsoluteUri, input.AbsoluteUri) with { SessionId = sessionId };
        return await CreateJobAsync(job, cancellationToken, recovered).ConfigureAwait(false);
    }

    /// <summary>
    /// The PUT body of a new job, fields as azure-quantum-python's BaseJob.from_storage_uri and the VS Code extension's
    /// putJobData fill them: id, name, providerId, target, itemType "Job", containerUri (with SAS), inputDataUri (without),
    /// input and output formats, inputParams, metadata.
    /// </summary>
    public static JobDetails NewJob(string id, JobPayload payload, TargetInfo target, string name, JsonObject? metadata, string containerUri, string inputDataUri)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(target);
        return new JobDetails
        {
            Id = id,
            Name = name,
            ProviderId = target.ProviderId,
            Target = target.Id,
            ItemType = "Job",
            ContainerUri = containerUri,
            InputDataUri = inputDataUri,
            InputDataFormat = payload.InputDataFormat,
            OutputDataFormat = payload.OutputDataFormat,
            InputParams = payload.InputParams.DeepClone().AsObject(),
            Metadata = metadata?.DeepClone().AsObject(),
        };
    }

    /// <summary>The job as the PUT body's JSON.</summary>
    public static JsonNode ToJson(JobDetails job) => JsonSerializer.SerializeToNode(job, Json)!;

    /// <summary>
    /// PUT jobs/{id}: creates the job. The id is QSan's own, so Azure.Core's retries of the PUT (after a 5xx, a dropped
    /// connection or a timeout) re-send the same job, never a second one (REST spec Jobs_Create answers 200 or 201). When
    /// the PUT still fails in a way that may have created the job, <c>GET jobs/{id}</c> is asked before the failure is
    /// reported: a job that exists is returned (and <paramref name="recovered"/> told), so it is tracked, joins the session
    /// and can be cancelled; one that does not exist gets the PUT's error; one that cannot be looked up either gets an
    /// error naming its id, so it is checked before anything is submitted again.
    /// </summary>
    public async Task<JobDetails> CreateJobAsync(JobDetails job, CancellationToken cancellationToken, Action<string>? recovered = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Id);
        var what = $"PUT job {job.Id}";
        try
        {
            using var message = ServiceMessage(RequestMethod.Put, $"/jobs/{Uri.EscapeDataString(job.Id)}", ToJson(job));
            var response = await SendAsync(service, message, what, cancellationToken).ConfigureAwait(false);
            return Deserialize<JobDetails>(response, $"job {job.Id}");
        }
        catch (Exception e) when (MayHaveCreated(e, cancellationToken))
        {
            var failure = e is AzureQuantumException ? e.Message : $"{what} failed: {SasRedaction.Redact(e.Message)}";
            JobDetails existing;
            try
            {
                existing = await GetJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (AzureQuantumRequestException missing) when (missing.Status == 404)
            {
                // Not created: the PUT's own error (rethrown as it was, not the GET's 404).
                if (e is AzureQuantumException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
                throw new AzureQuantumException(failure + " The job was not created.", e);
            }
            catch (Exception lookup) when (lookup is AzureQuantumException or RequestFailedException or AggregateException
                || (lookup is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new AzureQuantumException($"{failure} Whether job {job.Id} was created is unknown (GET jobs/{job.Id} failed too: {SasRedaction.Redact(lookup.Message)}); check with `qsan azure status {job.Id}` before submitting again, and cancel it with `qsan azure cancel {job.Id}` if it runs.", e);
            }
            recovered?.Invoke($"{failure} The job exists all the same (GET jobs/{job.Id}: {existing.Status}); it is tracked, not submitted again.");
            return existing;
        }
    }

    // A PUT that failed after reaching the service may have created the job: a 5xx, 408 or 409 answer, or no answer at all
    // (a dropped connection, a network timeout: Azure.Core's RequestFailedException, or an AggregateException once its
    // retries ran out), but not a cancellation by the caller.
    private static bool MayHaveCreated(Exception e, CancellationToken cancellationToken) => e switch
    {
        AzureQuantumThrottledException => false,
        AzureQuantumRequestException r => r.Status is >= 500 or 408 or 409,
        RequestFailedException or AggregateException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>GET jobs/{id}.</summary>
    public async Task<JobDetails> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        CheckJobId(jobId);
        using var message = ServiceMessage(RequestMethod.Get, $"/jobs/{jobId}", null);
        var response = await SendAsync(service, message, $"GET job {jobId}", cancellationToken).ConfigureAwait(false);
        return Deserialize<JobDetails>(response, $"job {jobId}");
    }

    /// <summary>
    /// Requests a job's cancellation. From 2025-12-01-preview on this is <c>POST jobs/{id}:cancel</c> (REST spec Jobs_Cancel;
    /// azure-quantum-python build_services_jobs_cancel_request), and <c>DELETE jobs/{id}</c> deletes the job with its data,
    /// so a cancel never sends DELETE there; older versions cancel with <c>DELETE</c> (204).
    /// </summary>
    public async Task CancelJobAsync(string jobId, CancellationToken cancellationToken)
    {
        CheckJobId(jobId);
        if (options.CancelsByPost)
        {
            using var post = ServiceMessage(RequestMethod.Post, $"/jobs/{jobId}:cancel", null);
            await SendAsync(service, post, $"POST job {jobId}:cancel", cancellationToken).ConfigureAwait(false);
            return;
        }
        using var message = ServiceMessage(RequestMethod.Delete, $"/jobs/{jobId}", null);
        await SendAsync(service, message, $"DELETE (cancel) job {jobId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The api-version this client sends.</summary>
    public string ApiVersion => options.ApiVersion;

    /// <summary>GET jobs (with <c>top</c>), following nextLink until <paramref name="max"/> jobs are read; in the service's order.</summary>
    public Task<IReadOnlyList<JobDetails>> ListJobsAsync(int max, CancellationToken cancellationToken) =>
        ListAsync<JobDetails>("/jobs", "jobs", max, cancellationToken);

    /// <summary>GET sessions (with <c>top</c>), following nextLink until <paramref name="max"/> sessions are read.</summary>
    public Task<IReadOnlyList<SessionDetails>> ListSessionsAsync(int max, CancellationToken cancellationToken) =>
        ListAsync<SessionDetails>("/sessions", "sessions", max, cancellationToken);

    /// <summary>GET sessions/{id}/jobs: the jobs of a session, up to <paramref name="max"/>.</summary>
    public Task<IReadOnlyList<JobDetails>> ListSessionJobsAsync(string sessionId, int max, CancellationToken cancellationToken)
    {
        CheckJobId(sessionId);
        return ListAsync<JobDetails>($"/sessions/{sessionId}/jobs", $"session {sessionId} jobs", max, cancellationToken);
    }

    /// <summary>
    /// PUT sessions/{id}: opens a session on <paramref name="target"/> (REST spec Sessions_Open; azure-quantum-python
    /// Workspace.open_session): id, name, providerId, target, itemType "Session" and the job failure policy ("Abort": once
    /// a job fails, later jobs of the session are refused, so a broken loop stops spending).
    /// </summary>
    public async Task<SessionDetails> OpenSessionAsync(string name, TargetInfo target, string jobFailurePolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var id = Guid.NewGuid().ToString("D");
        var body = new SessionDetails { Id = id, Name = name, ProviderId = target.ProviderId, Target = target.Id, ItemType = "Session", JobFailurePolicy = jobFailurePolicy };
        using var message = ServiceMessage(RequestMethod.Put, $"/sessions/{id}", JsonSerializer.SerializeToNode(body, Json));
        return Deserialize<SessionDetails>(await SendAsync(service, message, $"PUT session {id}", cancellationToken).ConfigureAwait(false), $"session {id}");
    }

    /// <summary>POST sessions/{id}:close: no more jobs join the session (REST spec Sessions_Close).</summary>
    public async Task<SessionDetails> CloseSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        CheckJobId(sessionId);
        using var message = ServiceMessage(RequestMethod.Post, $"/sessions/{sessionId}:close", null);
        return Deserialize<SessionDetails>(await SendAsync(service, message, $"POST session {sessionId}:close", cancellationToken).ConfigureAwait(false), $"session {sessionId}");
    }

    /// <summary>GET sessions/{id}.</summary>
    public async Task<SessionDetails> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        CheckJobId(sessionId);
        using var message = ServiceMessage(RequestMethod.Get, $"/sessions/{sessionId}", null);
        return Deserialize<SessionDetails>(await SendAsync(service, message, $"GET session {sessionId}", cancellationToken).ConfigureAwait(false), $"session {sessionId}");
    }

    /// <summary>The most pages a list is followed for: a service whose nextLinks never end stops here, with an error.</summary>
    public const int MaxPages = 1000;

    // Every page up to max items (null: all of them), following nextLink.
    private async Task<IReadOnlyList<T>> ListAsync<T>(string suffix, string what, int? max, CancellationToken cancellationToken)
    {
        if (max is { } top) ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var items = new List<T>();
        using var first = ServiceMessage(RequestMethod.Get, suffix, null);
        if (max is { } count) first.Request.Uri.AppendQuery("top", count.ToString(CultureInfo.InvariantCulture));
        var page = Deserialize<PagedList<T>>(await SendAsync(service, first, $"GET {what}", cancellationToken).ConfigureAwait(false), what);
        for (var pages = 1; ; pages++)
        {
            items.AddRange(page.Value ?? []);
            if (items.Count >= (max ?? int.MaxValue) || string.IsNullOrEmpty(page.NextLink)) break;
            if (pages >= MaxPages) throw new AzureQuantumException($"GET {what} still had a nextLink after {MaxPages} pages; QSan stops there.");
            using var next = service.CreateMessage();
            next.Request.Method = RequestMethod.Get;
            next.Request.Uri.Reset(NextLink(page.NextLink));
            next.Request.Headers.SetValue("Accept", "application/json");
            page = Deserialize<PagedList<T>>(await SendAsync(service, next, $"GET {what} (next page)", cancellationToken).ConfigureAwait(false), what);
        }
        return items.Take(max ?? int.MaxValue).ToArray();
    }

    /// <summary>
    /// The URL of a next page with this client's api-version: a nextLink may lack the api-version, and the generated clients
    /// set it to their own on every next page (azure-quantum-python _client/operations/_operations.py, prepare_request).
    /// </summary>
    public Uri NextLink(string nextLink)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nextLink);
        var absolute = new Uri(Connection.Endpoint, nextLink);
        var query = System.Web.HttpUtility.ParseQueryString(absolute.Query);
        query["api-version"] = options.ApiVersion;
        return new UriBuilder(absolute) { Query = query.ToString() }.Uri;
    }

    /// <summary>
    /// GET providerStatus: the providers and targets of the workspace with their availability, every page of it (REST spec
    /// Providers_List is x-ms-pageable with nextLink, as GET jobs is).
    /// </summary>
    public Task<IReadOnlyList<ProviderStatus>> GetProviderStatusAsync(CancellationToken cancellationToken) =>
        ListAsync<ProviderStatus>("/providerStatus", "providerStatus", null, cancellationToken);

    /// <summary>
    /// Polls a job until it is Succeeded, Failed or Cancelled, waiting longer between polls as it runs; reports every poll
    /// to <paramref name="progress"/>. Throws <see cref="AzureQuantumTimeoutException"/> (after cancelling the job, if the
    /// options say so) when <see cref="JobWaitOptions.Timeout"/> passes first.
    /// </summary>
    public async Task<JobDetails> WaitForJobAsync(string jobId, JobWaitOptions wait, IProgress<JobDetails>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var started = TimeProvider.System.GetTimestamp();
        var delay = wait.InitialDelay;
        while (true)
        {
            var job = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            progress?.Report(job);
            if (JobStatuses.IsTerminal(job.Status)) return job;
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (wait.Timeout is { } timeout && elapsed + delay > timeout)
            {
                if (wait.CancelOnTimeout) await CancelJobAsync(jobId, CancellationToken.None).ConfigureAwait(false);
                throw new AzureQuantumTimeoutException(job, elapsed, wait.CancelOnTimeout);
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = wait.Next(delay);
        }
    }

    /// <summary>How long before its expiry a SAS is treated as expired (azure-quantum-python BaseJob._get_blob_uri_with_sas_token: 5 minutes).</summary>
    public static readonly TimeSpan SasExpiryMargin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Downloads a finished job's output blob. As azure-quantum-python's BaseJob.download_data, a URI without a SAS, or
    /// with one that expires within <see cref="SasExpiryMargin"/>, gets a fresh SAS from storage/sasUri first. If storage
    /// still refuses the read (403: the SAS expired in transit, or the clock is off), the job's details are fetched again
    /// and the output is read once more with a fresh SAS, so a paid result is not lost to an expired link.
    /// </summary>
    public async Task<byte[]> DownloadOutputAsync(JobDetails job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!JobStatuses.IsSuccess(job.Status)) throw new AzureQuantumJobFailedException(job);
        try
        {
            return await DownloadBlobAsync(await OutputUriAsync(job, forceFresh: false, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (AzureQuantumRequestException e) when (e.Status == 403 && job.Id is not null)
        {
            var fresh = await GetJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
            return await DownloadBlobAsync(await OutputUriAsync(fresh, forceFresh: true, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="uri"/> carries a SAS (se=) that is still good for <see cref="SasExpiryMargin"/>.</summary>
    public static bool HasUsableSas(Uri uri, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var expiry = System.Web.HttpUtility.ParseQueryString(uri.Query)["se"];
        return expiry is not null && DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var se) && se - SasExpiryMargin > now;
    }

    private async Task<Uri> OutputUriAsync(JobDetails job, bool forceFresh, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(job.OutputDataUri)) throw new AzureQuantumException($"Job {job.Id} ({job.Status}) names no outputDataUri.");
        var uri = new Uri(job.OutputDataUri);
        if (!forceFresh && HasUsableSas(uri, DateTimeOffset.UtcNow)) return uri;
        // The blob library's parser: account.blob.core.windows.net/{container}/{blob}, or path-style
        // /{account}/{container}/{blob} on an IP host or emulator (Azurite).
        var parts = new BlobUriBuilder(uri);
        if (string.IsNullOrEmpty(parts.BlobContainerName) || string.IsNullOrEmpty(parts.BlobName))
            throw new AzureQuantumException($"Job {job.Id}'s outputDataUri {SasRedaction.Redact(uri.AbsoluteUri)} names no container and blob.");
        return await GetSasUriAsync(parts.BlobContainerName, parts.BlobName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The outcome histogram of a finished job whose program measures <paramref name="bitCount"/> qubits.</summary>
    public async Task<OutcomeHistogram> GetResultsAsync(JobDetails job, int bitCount, CancellationToken cancellationToken) =>
        (await GetResultAsync(job, bitCount, cancellationToken).ConfigureAwait(false)).Histogram;

    /// <summary>
    /// A finished job's result as <see cref="ResultParser.Read"/> reads it: the histogram the estimates use and the shots
    /// left out of it (lost-qubit markers, a truncated histogram), so they can be reported.
    /// </summary>
    public async Task<ParsedResult> GetResultAsync(JobDetails job, int bitCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var output = await DownloadOutputAsync(job, cancellationToken).ConfigureAwait(false);
        var shots = (job.InputParams?["shots"] ?? job.InputParams?["count"])?.GetValue<int>() ?? 0;
        return ResultParser.Read(job.OutputDataFormat ?? "", output, bitCount, shots, ResultParser.IsSimulator(job.Target));
    }

    /// <summary>
    /// The error of a job that ended Failed or Cancelled. A Failed job that still has output (azure-quantum-python's
    /// job.py raises <c>JobFailedWithResultsError</c> with it when the output blob is not empty) has its output downloaded
    /// and, with <paramref name="keepDirectory"/>, written there as <c>{jobId}.output</c>, so a paid output is not lost;
    /// a failure to read it is told in the message, never instead of the job's own error.
    /// </summary>
    public async Task<AzureQuantumJobFailedException> JobFailureAsync(JobDetails job, string? keepDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != JobStatuses.Failed || string.IsNullOrEmpty(job.OutputDataUri)) return new AzureQuantumJobFailedException(job);
        byte[] output;
        try
        {
            output = await DownloadBlobAsync(await OutputUriAsync(job, forceFresh: false, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (AzureQuantumRequestException e) when (e.Status == 404)
        {
            return new AzureQuantumJobFailedException(job);
        }
        catch (AzureQuantumException e)
        {
            return new AzureQuantumJobFailedException(job, null, null, $"its output could not be read ({e.Message})");
        }
        if (output.Length == 0) return new AzureQuantumJobFailedException(job);
        string? path = null;
        if (keepDirectory is not null)
        {
            Directory.CreateDirectory(keepDirectory);
            path = Path.Combine(keepDirectory, $"{job.Id}.output");
            await File.WriteAllBytesAsync(path, output, cancellationToken).ConfigureAwait(false);
        }
        return new AzureQuantumJobFailedException(job, output, path);
    }

    /// <summary>Creates a container by its SAS URL (PUT ?restype=container, through the blob library); an existing one (409) is fine.</summary>
    public async Task CreateContainerAsync(Uri containerSas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containerSas);
        var container = new BlobContainerClient(containerSas, storage);
        await StorageAsync("PUT container", async () => await container.CreateAsync(cancellationToken: cancellationToken).ConfigureAwait(false), allow: 409).ConfigureAwait(false);
    }

    /// <summary>Uploads <paramref name="data"/> as block blob <paramref name="blobName"/> of a container (blob library, by the container's SAS); returns the blob's URI without the SAS.</summary>
    public async Task<Uri> UploadBlobAsync(Uri containerSas, string blobName, byte[] data, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containerSas);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        var blob = new BlobContainerClient(containerSas, storage).GetBlobClient(blobName);
        var upload = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        await StorageAsync($"PUT blob {blobName}", async () => await blob.UploadAsync(BinaryData.FromBytes(data), upload, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return new UriBuilder(blob.Uri) { Query = "" }.Uri;
    }

    /// <summary>Downloads a blob by its SAS URL (blob library).</summary>
    public async Task<byte[]> DownloadBlobAsync(Uri blobSas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobSas);
        var blob = new BlobClient(blobSas, storage);
        byte[] content = [];
        await StorageAsync($"GET blob {blobSas.AbsolutePath}", async () =>
        {
            var result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            content = result.Value.Content.ToArray();
        }).ConfigureAwait(false);
        return content;
    }

    // The blob library's failures as QSan's: its RequestFailedException carries the storage response (XML error, SAS
    // redacted by ErrorOf); throttling (429) after the library's retries is AzureQuantumThrottledException.
    private async Task StorageAsync(string what, Func<Task> call, int allow = 0)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == allow && allow != 0)
        {
        }
        catch (RequestFailedException e) when (e.Status >= 400)
        {
            var response = e.GetRawResponse();
            var (code, text) = response is null ? (e.ErrorCode, SasRedaction.Redact(e.Message.Split('\n')[0])) : ErrorOf(response);
            code ??= e.ErrorCode;
            if (e.Status == 429)
                throw new AzureQuantumThrottledException(what, code, text, response is null ? null : RetryAfter(response), options.Retry.MaxRetries + 1);
            throw new AzureQuantumRequestException(what, e.Status, code, text);
        }
        catch (RequestFailedException e)
        {
            // Status 0: no response (network failure after the library's retries).
            throw new AzureQuantumException($"{what} failed: {SasRedaction.Redact(e.Message)}", e);
        }
    }

    private HttpMessage ServiceMessage(RequestMethod method, string suffix, JsonNode? body)
    {
        var message = service.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Connection.Endpoint);
        request.Uri.AppendPath(Connection.ResourcePath + suffix, escape: false);
        request.Uri.AppendQuery("api-version", options.ApiVersion);
        request.Headers.SetValue("Accept", "application/json");
        if (body is not null)
        {
            request.Headers.SetValue("Content-Type", "application/json");
            request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString(Json)));
        }
        return message;
    }

    private static async Task<Response> SendAsync(HttpPipeline pipeline, HttpMessage message, string what, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status < 400) return response;
        var (code, text) = ErrorOf(response);
        if (response.Status == 429)
            throw new AzureQuantumThrottledException(what, code, text, RetryAfter(response), AttemptCounter.Attempts(message));
        throw new AzureQuantumRequestException(what, response.Status, code, text);
    }

    // Data-plane errors are Azure.Core.Foundations.ErrorResponse ({"error": {"code", "message"}}) with x-ms-error-code;
    // storage errors are XML (<Error><Code/><Message/></Error>).
    private static (string? Code, string? Message) ErrorOf(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var text = response.Content.ToString();
        try
        {
            if (JsonNode.Parse(text)?["error"] is JsonObject error)
                return (error["code"]?.GetValue<string>() ?? headerCode, SasRedaction.Redact(error["message"]?.GetValue<string>()));
        }
        catch (JsonException)
        {
        }
        if (StorageError().Match(text) is { Success: true } m) return (m.Groups["code"].Value, SasRedaction.Redact(m.Groups["message"].Value.Split('\n')[0]));
        return (headerCode, string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase : SasRedaction.Redact(text.Length > 300 ? text[..300] + "…" : text));
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        foreach (var header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            if (response.Headers.TryGetValue(header, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return TimeSpan.FromMilliseconds(v);
        if (response.Headers.TryGetValue("Retry-After", out var retry))
        {
            if (double.TryParse(retry, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParse(retry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)) return when - DateTimeOffset.UtcNow;
        }
        return null;
    }

    private static T Deserialize<T>(Response response, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(response.Content.ToMemory().Span, Json) ?? throw new AzureQuantumException($"The service returned an empty {what}.");
        }
        catch (JsonException e)
        {
            throw new AzureQuantumException($"The service's answer for {what} is not the JSON QSan expects: {e.Message}", e);
        }
    }

    private static void CheckJobId(string jobId)
    {
        if (!Guid.TryParseExact(jobId, "D", out _)) throw new ArgumentException($"'{jobId}' is not a job or session id (a GUID like 01234567-89ab-cdef-0123-456789abcdef).", nameof(jobId));
    }
}

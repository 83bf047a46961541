using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QSan.Azure.Connection;
using QSan.Azure.Service;

namespace QSan.Tests.Azure;

/// <summary>
/// An in-process fake of the Azure Quantum data plane and its blob storage, on Kestrel at https://127.0.0.1:&lt;port&gt; with a
/// throw-away self-signed certificate. It checks every request against the protocol (paths, api-version, credentials,
/// JSON bodies, blob headers and content types) and records what is wrong in <see cref="Violations"/>; it replays the
/// service's behaviours per <see cref="JobScript"/> and can throttle with 429 + Retry-After. Finished jobs get results
/// computed from the submitted program itself (<see cref="FakeExecution"/>), in the output format the job asked for.
/// </summary>
internal sealed class FakeAzureQuantum : IAsyncDisposable
{
    public const string Subscription = "11111111-2222-3333-4444-555555555555";
    public const string ResourceGroup = "rg-qsan";
    public const string WorkspaceName = "ws-qsan";
    public const string ApiKey = "fake-api-key-not-a-secret";
    public const string BearerToken = "fake-bearer-token";
    private const string Signature = "fakesig";

    /// <summary>
    /// The storage account, path-style as Microsoft's Azurite emulator serves it (https://127.0.0.1:PORT/devstoreaccount1/…):
    /// on an IP host the blob library reads the first path segment as the account.
    /// </summary>
    public const string StorageAccount = "devstoreaccount1";

    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;
    private readonly ConcurrentDictionary<string, (byte[] Data, string ContentType)> blobs = new();
    private readonly ConcurrentDictionary<string, FakeJob> jobs = new();
    private readonly ConcurrentQueue<string> violations = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<string> storageUserAgents = new();
    private readonly ConcurrentDictionary<string, bool> containers = new();
    private readonly ConcurrentDictionary<string, bool> deleted = new();
    private readonly ConcurrentDictionary<string, FakeSession> sessions = new();
    private int throttleRemaining;
    private int jobCounter;

    private FakeAzureQuantum(WebApplication app, X509Certificate2 certificate)
    {
        this.app = app;
        this.certificate = certificate;
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>
    /// The api-version this fake speaks, with its semantics: before 2025-12-01-preview DELETE jobs/{id} cancels and
    /// jobs/{id}:cancel does not exist; from then on POST jobs/{id}:cancel cancels and DELETE deletes the job. Before
    /// 2026-01-15-preview the client must PUT the job's container; from then on storage/sasUri creates it.
    /// </summary>
    public string ApiVersion { get; set; } = QuantumClientOptions.DefaultApiVersion;

    private bool CancelsByPost => string.CompareOrdinal(ApiVersion[..10], "2025-12-01") >= 0;

    private bool CreatesContainers => string.CompareOrdinal(ApiVersion[..10], "2026-01-15") >= 0;

    /// <summary>Jobs deleted by DELETE under a version where that deletes.</summary>
    public IReadOnlyCollection<string> DeletedJobs => [.. deleted.Keys];

    /// <summary>Whether nextLinks leave out the api-version (the client must add its own).</summary>
    public bool NextLinkWithoutApiVersion { get; set; }

    /// <summary>Whether requests must carry the API key (else a bearer token).</summary>
    public bool ExpectApiKey { get; set; } = true;

    /// <summary>The fake's clock, for session idle timeouts (tests that wait minutes pass their own).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>How long a session lasts without a new job (Learn: 10 minutes).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The workspace's properties.endpointUri in ARM (a V2 workspace's host, routed here by <see cref="ClientOptions"/>).</summary>
    public string ArmEndpointUri { get; set; } = "https://westus-v2.quantum.azure.com/";

    /// <summary>ARM refuses the workspace GET with this status (0: answers it).</summary>
    public int ArmRefuses { get; set; }

    /// <summary>The script of the next jobs, by target.</summary>
    public Func<string, JobScript> Script { get; set; } = _ => JobScript.Succeeds;

    /// <summary>IonQ results as exact probabilities (like ionq.simulator) instead of sampled frequencies.</summary>
    public bool ExactProbabilities { get; set; }

    /// <summary>Seed of the sampled results (job k uses Seed + k).</summary>
    public int Seed { get; set; } = 17;

    /// <summary>Whether outputDataUri carries a SAS (else the client must ask storage/sasUri for the blob).</summary>
    public bool OutputUriWithSas { get; set; }

    /// <summary>IonQ histograms come back with their largest probability off by this much (real targets round).</summary>
    public double ProbabilityOffset { get; set; }

    /// <summary>
    /// Shots per job whose result has a lost qubit (qubit 0 written as "-" or 2, as azure-quantum-python's
    /// _bitstring_has_qubit_loss expects), in Quantinuum and Microsoft v2 outputs.
    /// </summary>
    public int LostQubitShots { get; set; }

    /// <summary>IonQ histograms leave out outcomes whose probability is below this (a truncated histogram), as given.</summary>
    public double TruncateBelow { get; set; }

    /// <summary>outputDataUri carries a SAS that expires this soon (null: as <see cref="OutputUriWithSas"/> says).</summary>
    public TimeSpan? OutputSasExpiresIn { get; set; }

    /// <summary>Storage refuses the next reads of an output blob with 403, as for a SAS that expired in transit.</summary>
    public int RefuseOutputReads { get; set; }

    /// <summary>How a faulty job PUT fails.</summary>
    public enum CreateFaultKind
    {
        /// <summary>500 after the job was created.</summary>
        ServerError,

        /// <summary>The connection drops after the job was created (no response).</summary>
        DropConnection,

        /// <summary>The response comes after <see cref="CreateFault.Delay"/>, later than the client waits.</summary>
        Timeout,
    }

    /// <summary>A fault of the next job PUTs: <paramref name="Create"/> false fails them before anything is created.</summary>
    public readonly record struct CreateFault(CreateFaultKind Kind, bool Create, TimeSpan Delay);

    private CreateFault createFault;
    private int createFaults;
    private int jobPuts;

    /// <summary>The next <paramref name="times"/> job PUTs (retries included) fail as <paramref name="kind"/> says, after creating the job unless <paramref name="create"/> is false.</summary>
    public void FailJobCreation(int times, CreateFaultKind kind, bool create = true, TimeSpan? delay = null)
    {
        createFault = new CreateFault(kind, create, delay ?? TimeSpan.FromSeconds(2));
        Interlocked.Exchange(ref createFaults, times);
    }

    /// <summary>Job PUTs received (retries included).</summary>
    public int JobPuts => jobPuts;

    /// <summary>Answer the next data-plane requests whose path contains <see cref="ThrottlePath"/> with 429.</summary>
    public void Throttle(int times, string pathContains, string retryAfterSeconds = "0")
    {
        ThrottlePath = pathContains;
        RetryAfter = retryAfterSeconds;
        Interlocked.Exchange(ref throttleRemaining, times);
    }

    public string ThrottlePath { get; private set; } = "";

    public string RetryAfter { get; private set; } = "0";

    public IReadOnlyList<string> Violations => [.. violations];

    /// <summary>"METHOD path" of every request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public IReadOnlyDictionary<string, FakeJob> Jobs => jobs;

    /// <summary>The User-Agent of every storage request, in order.</summary>
    public IReadOnlyList<string> StorageUserAgents => [.. storageUserAgents];

    /// <summary>The storage account's URL (https://127.0.0.1:PORT/devstoreaccount1/).</summary>
    public Uri Storage => new(Endpoint, StorageAccount + "/");

    /// <summary>The sessions opened, by id.</summary>
    public IReadOnlyDictionary<string, FakeSession> Sessions => sessions;

    public WorkspaceConnection Connection => new(Endpoint, Subscription, ResourceGroup, WorkspaceName);

    /// <summary>A connection string for this workspace with its API key, as users pass it to the commands.</summary>
    public string ConnectionString => $"SubscriptionId={Subscription};ResourceGroupName={ResourceGroup};WorkspaceName={WorkspaceName};ApiKey={ApiKey};QuantumEndpoint={Endpoint}";

    private string WorkspacePath => $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.Quantum/workspaces/{WorkspaceName}";

    public static async Task<FakeAzureQuantum> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        var fake = new FakeAzureQuantum(app, certificate);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return fake;
    }

    /// <summary>
    /// Client options that trust this fake's certificate and retry quickly. With <paramref name="route"/>, requests to any
    /// *.quantum.azure.com host are sent here instead, and the host they were meant for is recorded in <see cref="RoutedHosts"/>
    /// (how a test sees that settings reach the right region endpoint without a network).
    /// </summary>
    public QuantumClientOptions ClientOptions(int maxRetries = 3, bool route = false)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        };
        var options = new QuantumClientOptions
        {
            ApiVersion = ApiVersion,
            Transport = route ? new HttpClientTransport(new HttpClient(new Router(this, handler))) : new HttpClientTransport(handler),
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        return options;
    }

    /// <summary>Hosts that routed requests were addressed to.</summary>
    public IReadOnlyList<string> RoutedHosts => [.. routedHosts];

    private readonly ConcurrentQueue<string> routedHosts = new();

    private sealed class Router(FakeAzureQuantum fake, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Host.EndsWith(".quantum.azure.com", StringComparison.OrdinalIgnoreCase) || uri.Host.Equals("management.azure.com", StringComparison.OrdinalIgnoreCase))
            {
                fake.routedHosts.Enqueue(uri.Host);
                request.RequestUri = new UriBuilder(uri) { Host = fake.Endpoint.Host, Port = fake.Endpoint.Port }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    public QuantumServiceClient Client(int maxRetries = 3) =>
        new(Connection, ExpectApiKey ? WorkspaceCredential.FromApiKey(ApiKey) : WorkspaceCredential.FromToken(new FakeTokenCredential()), ClientOptions(maxRetries));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private void Violation(string what) => violations.Enqueue(what);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        requests.Enqueue($"{request.Method} {request.Path}");
        try
        {
            // Like Azurite, blobs live at /{account}/{container}/{blob}; the data plane at /subscriptions/…; ARM's GET of the
            // workspace resource at the workspace path itself.
            if (request.Method == "GET" && request.Path.Value!.TrimEnd('/').Equals(WorkspacePath, StringComparison.OrdinalIgnoreCase)) await ArmAsync(context);
            else if (request.Path.StartsWithSegments(WorkspacePath)) await ServiceAsync(context);
            else if (request.Path.StartsWithSegments("/" + StorageAccount, out var blobPath)) await StorageAsync(context, blobPath.Value!);
            else
            {
                Violation($"{request.Method} {request.Path}: no such route");
                await Error(context, 404, "NotFound", $"No route {request.Path}");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Violation($"{request.Method} {request.Path}: {e.Message}");
            await Error(context, 400, "BadRequest", e.Message);
        }
    }

    /// <summary>
    /// ARM's GET of the workspace resource (Microsoft.Quantum/workspaces, api-version 2025-12-15-preview as
    /// azure-quantum-python's _mgmt_client.py sends it), with a bearer token, never the workspace API key.
    /// </summary>
    private async Task ArmAsync(HttpContext context)
    {
        var request = context.Request;
        var what = $"ARM {request.Method} {request.Path}";
        if (request.Query["api-version"] != "2025-12-15-preview") Violation($"{what}: api-version '{request.Query["api-version"]}'");
        if (request.Headers.Authorization != $"Bearer {BearerToken}") Violation($"{what}: missing or wrong bearer token");
        if (request.Headers.ContainsKey("x-ms-quantum-api-key")) Violation($"{what}: the workspace API key was sent to ARM");
        if (ArmRefuses != 0)
        {
            await Error(context, ArmRefuses, "AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.Quantum/workspaces/read'.");
            return;
        }
        await Json(context, 200, new JsonObject
        {
            ["id"] = $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.Quantum/Workspaces/{WorkspaceName}",
            ["name"] = WorkspaceName,
            ["type"] = "Microsoft.Quantum/Workspaces",
            ["location"] = "westus",
            ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded", ["endpointUri"] = ArmEndpointUri, ["workspaceKind"] = "V2" },
        });
    }

    private async Task ServiceAsync(HttpContext context)
    {
        var request = context.Request;
        var what = $"{request.Method} {request.Path}";
        if (request.Query["api-version"] != ApiVersion) Violation($"{what}: api-version '{request.Query["api-version"]}'");
        if (ExpectApiKey && request.Headers["x-ms-quantum-api-key"] != ApiKey) Violation($"{what}: missing or wrong x-ms-quantum-api-key");
        if (!ExpectApiKey && request.Headers.Authorization != $"Bearer {BearerToken}") Violation($"{what}: missing or wrong bearer token");
        if (ExpectApiKey && request.Headers.ContainsKey("Authorization")) Violation($"{what}: sends Authorization with an API key");
        if (!request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal)) Violation($"{what}: Accept is '{request.Headers.Accept}'");
        if ((request.Method is "PUT" or "POST") && request.ContentLength > 0 && request.ContentType != "application/json") Violation($"{what}: Content-Type '{request.ContentType}'");
        if (!request.Headers.UserAgent.ToString().Contains("qsan", StringComparison.Ordinal)) Violation($"{what}: User-Agent '{request.Headers.UserAgent}' does not name qsan");

        if (ThrottlePath.Length > 0 && request.Path.Value!.Contains(ThrottlePath, StringComparison.Ordinal) && Interlocked.Decrement(ref throttleRemaining) >= 0)
        {
            context.Response.Headers["Retry-After"] = RetryAfter;
            await Error(context, 429, "TooManyRequests", "Rate limit exceeded.");
            return;
        }

        var rest = request.Path.Value![WorkspacePath.Length..];
        switch (request.Method, rest)
        {
            case ("POST", "/storage/sasUri"):
                var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw new InvalidDataException("sasUri body is not an object");
                var container = body["containerName"]?.GetValue<string>() ?? throw new InvalidDataException("sasUri body has no containerName");
                var blob = body["blobName"]?.GetValue<string>();
                if (body.Any(p => p.Key is not ("containerName" or "blobName"))) Violation($"{what}: unexpected field in {body.ToJsonString()}");
                if (CreatesContainers) containers[container] = true;
                await Json(context, 200, new JsonObject { ["sasUri"] = $"{Storage}{container}{(blob is null ? "" : "/" + blob)}?sv=2023-01-03&se=2099-01-01T00%3A00%3A00Z&sp=racw&sig={Signature}" });
                return;
            case ("GET", "/providerStatus"):
                // Pageable (REST spec Providers_List, x-ms-pageable): IonQ on the first page, the rest behind nextLink.
                var providers = JsonNode.Parse("""
                    [
                      {"id": "ionq", "currentAvailability": "Available", "targets": [{"id": "ionq.simulator", "currentAvailability": "Available", "averageQueueTime": 3, "numQubits": 29}, {"id": "ionq.qpu.aria-1", "currentAvailability": "Degraded", "averageQueueTime": 5400, "numQubits": 23}, {"id": "ionq.qpu.forte-1", "currentAvailability": "Available", "averageQueueTime": 7200, "numQubits": 36}]},
                      {"id": "quantinuum", "currentAvailability": "Available", "targets": [{"id": "quantinuum.sim.h2-1e", "currentAvailability": "Available", "averageQueueTime": 60, "numQubits": 56}, {"id": "quantinuum.sim.h2-1sc", "currentAvailability": "Available", "averageQueueTime": 0, "numQubits": 56}]},
                      {"id": "microsoft-qc", "currentAvailability": "Available", "targets": [{"id": "microsoft.estimator", "currentAvailability": "Available", "averageQueueTime": 0}]}
                    ]
                    """)!.AsArray();
                var second = request.Query["page"] == "2";
                var statusPage = new JsonObject { ["value"] = new JsonArray([.. (second ? providers.Skip(1) : providers.Take(1)).Select(p => p!.DeepClone())]) };
                if (!second) statusPage["nextLink"] = $"{Endpoint.ToString().TrimEnd('/')}{WorkspacePath}/providerStatus?{(NextLinkWithoutApiVersion ? "" : $"api-version={ApiVersion}&")}page=2";
                await Json(context, 200, statusPage);
                return;
            case ("GET", "/jobs"):
                var ordered = jobs.Values.OrderBy(j => j.Order).ToArray();
                var skip = int.TryParse(request.Query["skip"], CultureInfo.InvariantCulture, out var s) ? s : 0;
                var page = ordered.Skip(skip).Take(2).ToArray();
                var list = new JsonObject { ["value"] = new JsonArray([.. page.Select(j => (JsonNode)j.Details())]) };
                if (skip + 2 < ordered.Length)
                    list["nextLink"] = $"{Endpoint.ToString().TrimEnd('/')}{WorkspacePath}/jobs?{(NextLinkWithoutApiVersion ? "" : $"api-version={ApiVersion}&")}skip={skip + 2}";
                await Json(context, 200, list);
                return;
        }
        if (rest.StartsWith("/sessions", StringComparison.Ordinal)) { await SessionsAsync(context, rest, what); return; }
        if (!rest.StartsWith("/jobs/", StringComparison.Ordinal)) { await Error(context, 404, "NotFound", what); return; }
        var id = rest["/jobs/".Length..];
        var cancelAction = id.EndsWith(":cancel", StringComparison.Ordinal);
        if (cancelAction) id = id[..^":cancel".Length];
        if (!Guid.TryParseExact(id, "D", out _)) Violation($"{what}: job id '{id}' is not a GUID");
        if (cancelAction)
        {
            if (request.Method != "POST" || !CancelsByPost || !jobs.TryGetValue(id, out var toCancel))
            {
                await Error(context, 404, "NotFound", $"No route {what} in api-version {ApiVersion}.");
                return;
            }
            toCancel.Cancel();
            await Json(context, 200, toCancel.Details());
            return;
        }
        switch (request.Method)
        {
            case "PUT":
                var putBody = await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw new InvalidDataException("job body is not an object");
                Interlocked.Increment(ref jobPuts);
                var fault = Interlocked.Decrement(ref createFaults) >= 0 ? createFault : (CreateFault?)null;
                if (fault is { Create: false })
                {
                    await Error(context, 500, "InternalServerError", "The job could not be created.");
                    return;
                }
                int created;
                FakeJob job;
                if (jobs.TryGetValue(id, out var existing))
                {
                    // Jobs_Create answers 200 for an existing job: the same job again is idempotent, another body a conflict.
                    if (!JsonNode.DeepEquals(existing.Body, putBody))
                    {
                        Violation($"{what}: a different job under an existing id");
                        await Error(context, 409, "Conflict", $"Job {id} already exists.");
                        return;
                    }
                    (job, created) = (existing, 200);
                }
                else (job, created) = (CreateJob(id, putBody), 201);
                switch (fault?.Kind)
                {
                    case CreateFaultKind.ServerError:
                        await Error(context, 500, "InternalServerError", "The job was created, but the response failed.");
                        return;
                    case CreateFaultKind.DropConnection:
                        context.Abort();
                        return;
                    case CreateFaultKind.Timeout:
                        try
                        {
                            await Task.Delay(fault.Value.Delay, context.RequestAborted);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                        break;
                }
                await Json(context, created, job.Details());
                return;
            case "GET" when jobs.TryGetValue(id, out var found):
                found.Advance(this);
                await Json(context, 200, found.Details());
                return;
            case "DELETE" when CancelsByPost && jobs.TryRemove(id, out _):
                // From 2025-12-01-preview on, DELETE deletes the job and its data.
                deleted[id] = true;
                context.Response.StatusCode = 204;
                return;
            case "DELETE" when jobs.TryGetValue(id, out var cancelled):
                cancelled.Cancel();
                context.Response.StatusCode = 204;
                return;
            default:
                await Error(context, 404, "JobNotFound", $"Job {id} does not exist.");
                return;
        }
    }

    private async Task SessionsAsync(HttpContext context, string rest, string what)
    {
        var request = context.Request;
        if (rest == "/sessions" && request.Method == "GET")
        {
            await Json(context, 200, new JsonObject { ["value"] = new JsonArray([.. sessions.Values.OrderBy(x => x.Order).Select(x => (JsonNode)x.Details())]) });
            return;
        }
        var parts = rest["/sessions/".Length..].Split('/');
        var id = parts[0];
        var close = id.EndsWith(":close", StringComparison.Ordinal);
        if (close) id = id[..^":close".Length];
        if (!Guid.TryParseExact(id, "D", out _)) Violation($"{what}: session id '{id}' is not a GUID");
        switch (request.Method, parts.Length, close)
        {
            case ("PUT", 1, false):
                var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw new InvalidDataException("session body is not an object");
                void Expect(bool ok, string problem) { if (!ok) Violation($"PUT session {id}: {problem} in {body.ToJsonString()}"); }
                Expect(body["id"]?.GetValue<string>() == id, "id differs from the path");
                Expect(body["itemType"]?.GetValue<string>() == "Session", "itemType is not Session");
                var target = body["target"]?.GetValue<string>() ?? "";
                Expect(body["providerId"]?.GetValue<string>() == target.Split('.')[0], "providerId does not match the target");
                Expect(body["jobFailurePolicy"]?.GetValue<string>() is "Abort" or "Continue", "jobFailurePolicy is neither Abort nor Continue");
                var session = new FakeSession(id, sessions.Count + 1, body, Clock.GetUtcNow());
                sessions[id] = session;
                await Json(context, 201, session.Details());
                return;
            case ("POST", 1, true) when sessions.TryGetValue(id, out var closing):
                closing.TimedOut(Clock.GetUtcNow(), SessionIdleTimeout);
                closing.Close([.. jobs.Values.Where(j => j.SessionId == id)]);
                await Json(context, 200, closing.Details());
                return;
            case ("GET", 1, false) when sessions.TryGetValue(id, out var found):
                found.TimedOut(Clock.GetUtcNow(), SessionIdleTimeout);
                await Json(context, 200, found.Details());
                return;
            case ("GET", 2, false) when parts[1] == "jobs" && sessions.ContainsKey(id):
                await Json(context, 200, new JsonObject { ["value"] = new JsonArray([.. jobs.Values.Where(j => j.SessionId == id).OrderBy(j => j.Order).Select(j => (JsonNode)j.Details())]) });
                return;
            default:
                await Error(context, 404, "SessionNotFound", $"No session route {what}.");
                return;
        }
    }

    private FakeJob CreateJob(string id, JsonObject body)
    {
        void Expect(bool ok, string what) { if (!ok) Violation($"PUT job {id}: {what} in {body.ToJsonString()}"); }
        if (body["sessionId"]?.GetValue<string>() is { } sessionId)
        {
            Expect(sessions.TryGetValue(sessionId, out var session), $"session {sessionId} was never opened");
            Expect(session is null || !session.Closed, $"session {sessionId} is closed");
            Expect(session is null || !session.TimedOut(Clock.GetUtcNow(), SessionIdleTimeout), $"session {sessionId} timed out (no new job for {SessionIdleTimeout})");
            session?.JobAdded(Clock.GetUtcNow());
            Expect(session is null || session.Target == body["target"]?.GetValue<string>(), "the job's target differs from its session's");
        }
        Expect(body["id"]?.GetValue<string>() == id, "id differs from the path");
        Expect(body["itemType"]?.GetValue<string>() == "Job", "itemType is not Job");
        var target = body["target"]?.GetValue<string>() ?? "";
        var provider = body["providerId"]?.GetValue<string>();
        Expect(provider == target.Split('.')[0] && provider is "ionq" or "quantinuum", $"providerId '{provider}' does not match target '{target}'");
        var container = $"job-{id}";
        Expect(body["containerUri"]?.GetValue<string>() is { } c && c.StartsWith($"{Storage}{container}?", StringComparison.Ordinal) && c.Contains($"sig={Signature}", StringComparison.Ordinal), "containerUri is not the container's SAS URL");
        Expect(body["inputDataUri"]?.GetValue<string>() == $"{Storage}{container}/inputData", $"inputDataUri {body["inputDataUri"]} is not the input blob (without SAS)");
        var input = body["inputDataFormat"]?.GetValue<string>();
        var output = body["outputDataFormat"]?.GetValue<string>();
        var parameters = body["inputParams"] as JsonObject ?? new JsonObject();
        var expectedOutput = input switch
        {
            "ionq.circuit.v1" => "ionq.quantum-results.v1",
            "honeywell.openqasm.v1" => "honeywell.quantum-results.v1",
            "qir.v1" => "microsoft.quantum-results.v2",
            _ => null,
        };
        Expect(expectedOutput is not null && output == expectedOutput, $"formats {input} → {output}");
        Expect(input != "ionq.circuit.v1" || provider == "ionq", "IonQ circuits sent to another provider");
        Expect(input != "honeywell.openqasm.v1" || provider == "quantinuum", "OpenQASM sent to another provider");
        var blobExists = blobs.TryGetValue($"{container}/inputData", out var blob);
        Expect(blobExists, "the input blob was not uploaded first");
        var contentType = input switch { "ionq.circuit.v1" => "application/json", "honeywell.openqasm.v1" => "application/qasm", _ => "text/plain" };
        Expect(!blobExists || blob.ContentType == contentType, $"input blob Content-Type '{blob.ContentType}', expected {contentType}");
        int shots;
        switch (input)
        {
            case "ionq.circuit.v1":
                shots = parameters["shots"]?.GetValue<int>() ?? 0;
                break;
            case "honeywell.openqasm.v1":
                // Today's service reads Quantinuum's shots from "shots" (azure-quantum-python since Feb 2026); a "count"
                // alone would run the provider's default number of shots.
                shots = parameters["shots"]?.GetValue<int>() ?? 0;
                Expect(parameters["count"] is null || parameters["count"]!.GetValue<int>() == shots, "Quantinuum count and shots differ");
                break;
            default:
                shots = parameters["shots"]?.GetValue<int>() ?? 0;
                Expect(parameters["count"] is null || parameters["count"]!.GetValue<int>() == shots, "QIR count and shots differ");
                Expect(parameters["arguments"] is JsonArray { Count: 0 }, "QIR arguments are not []");
                if (blobExists) Expect(parameters["entryPoint"]?.GetValue<string>() == QSan.Azure.Payloads.QirProgramCompiler.EntryPointName(Encoding.UTF8.GetString(blob.Data)), "entryPoint is not the QIR's entry point");
                break;
        }
        Expect(shots > 0, "no shot count");
        if (parameters["noise"] is { } noise)
        {
            // Microsoft's provider-ionq page: noise {model: ideal | aria-1, seed: 1 … 2^31}; IonQ adds forte-1. Only the simulator runs them.
            Expect(target == "ionq.simulator", $"a noise model sent to {target}");
            Expect(noise["model"]?.GetValue<string>() is "ideal" or "aria-1" or "forte-1", $"unknown IonQ noise model {noise.ToJsonString()}");
            Expect(noise["seed"] is null || noise["seed"]!.GetValue<long>() is >= 1 and <= 1L << 31, $"noise seed out of range {noise.ToJsonString()}");
        }
        Expect(input != "honeywell.openqasm.v1" || target.Contains(".h2-", StringComparison.Ordinal), $"OpenQASM sent to {target} (confirmed for H2 only)");
        var script = Script(target);
        // The service fails a job larger than its mode allows (Learn's provider pages); so does the fake.
        if (blobExists && LimitOf(target, parameters) is { } limit)
        {
            var qubits = SubmittedProgram.Read(input!, blob.Data).QubitCount;
            if (qubits > limit.Qubits)
            {
                limitFailures.Enqueue($"{id}: {qubits} qubits on {target} ({limit.Mode}, {limit.Qubits})");
                script = new JobScript(["Waiting", "Failed"], new JobErrorData("InvalidInputData", $"The program uses {qubits} qubits; {target} runs at most {limit.Qubits} in {limit.Mode}."));
            }
        }
        var job = new FakeJob(id, Interlocked.Increment(ref jobCounter), body, script, shots, input!, output!, blobExists ? blob.Data : []);
        jobs[id] = job;
        return job;
    }

    /// <summary>
    /// The register limit of a job's mode: Microsoft Learn's provider pages (IonQ simulator 29, Aria 1 25, Forte 36, and 25
    /// with the aria-1 noise model; H2 56, its emulators 32 outside the stabilizer mode) and azure-quantum-python for Helios (98).
    /// </summary>
    internal static (int Qubits, string Mode)? LimitOf(string target, JsonObject parameters) => target switch
    {
        "ionq.simulator" => parameters["noise"]?["model"]?.GetValue<string>() switch
        {
            "aria-1" => (25, "the aria-1 noise model"),
            "forte-1" => (29, "the forte-1 noise model"),
            _ => (29, "the ideal simulator"),
        },
        "ionq.qpu.aria-1" => (25, "the device"),
        "ionq.qpu.forte-1" or "ionq.qpu.forte-enterprise-1" => (36, "the device"),
        _ when target.StartsWith("quantinuum.sim.h2-", StringComparison.Ordinal) && target.EndsWith('e') => (32, "state-vector emulation"),
        _ when target.Contains(".h2-", StringComparison.Ordinal) => (56, "the device"),
        _ when target.Contains(".helios-", StringComparison.Ordinal) => (98, "the device"),
        _ => null,
    };

    /// <summary>Jobs failed for exceeding their mode's register limit.</summary>
    public IReadOnlyList<string> LimitFailures => [.. limitFailures];

    private readonly ConcurrentQueue<string> limitFailures = new();

    /// <summary>Runs a finished job's program and stores its output blob; returns the blob's URI.</summary>
    internal string Execute(FakeJob job)
    {
        var program = SubmittedProgram.Read(job.InputFormat, job.Input);
        var n = program.QubitCount;
        var random = new Random(Seed + job.Order);
        // IonQ's simulator with a hardware model samples shots (it is "shot-aware") under IonQ's documented Kraus operators,
        // simulated densely here (DenseReference); a given seed makes the noise and the shots reproducible.
        var noiseParams = job.InputParams?["noise"];
        var noise = noiseParams?["model"]?.GetValue<string>() is { } model ? QSan.Azure.Targets.ProviderNoise.Parse(model).SimulatorModel : null;
        if (noiseParams?["seed"] is { } noiseSeed) random = new Random((int)(noiseSeed.GetValue<long>() % int.MaxValue));
        JsonObject output;
        if (job.OutputFormat == "ionq.quantum-results.v1")
        {
            // IonQ's histogram key: the outcome as an integer, qubit q = bit q (qubit 0 least significant).
            var histogram = new JsonObject();
            var distribution = ExactProbabilities && noise is null ? FakeExecution.Exact(program) : Frequencies(FakeExecution.Sample(program, job.Shots, random, noise), job.Shots);
            var largest = distribution.MaxBy(o => o.Value).Key;
            foreach (var (bits, p) in distribution)
                if (p >= TruncateBelow) histogram[bits.ToString(CultureInfo.InvariantCulture)] = bits == largest ? p + ProbabilityOffset : p;
            output = new JsonObject { ["histogram"] = histogram };
        }
        else if (job.OutputFormat == "honeywell.quantum-results.v1")
        {
            // Quantinuum: one string per shot for register c, c[n-1] first; a lost qubit 0 is written "-".
            var shots = FakeExecution.Sample(program, job.Shots, random, noise);
            output = new JsonObject { ["c"] = new JsonArray([.. shots.Select((b, s) => (JsonNode)JsonValue.Create(string.Concat(Enumerable.Range(0, n).Reverse().Select(i =>
                i == 0 && s < LostQubitShots ? '-' : (b >> i & 1) == 1 ? '1' : '0'))))]) };
        }
        else
        {
            // Microsoft v2: the entry point's Result[] per outcome, result 0 first; a lost qubit 0 is 2 in even shots, "-" in odd ones.
            var shots = FakeExecution.Sample(program, job.Shots, random, noise);
            string[] Results(ulong b, int s) => [.. Enumerable.Range(0, n).Select(i => i == 0 && s < LostQubitShots ? (s % 2 == 0 ? "2" : "\"-\"") : (b >> i & 1).ToString(CultureInfo.InvariantCulture))];
            var written = shots.Select((b, s) => "[" + string.Join(", ", Results(b, s)) + "]").ToArray();
            var histogram = new JsonArray([.. written.GroupBy(d => d).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (JsonNode)new JsonObject
            {
                ["Outcome"] = JsonNode.Parse(g.Key),
                ["Display"] = g.Key.Replace("\"", "", StringComparison.Ordinal),
                ["Count"] = g.Count(),
            })]);
            output = new JsonObject { ["DataFormat"] = "microsoft.quantum-results.v2", ["Results"] = new JsonArray(new JsonObject { ["Histogram"] = histogram, ["Shots"] = new JsonArray([.. written.Select(d => JsonNode.Parse(d))]) }) };
        }
        return Store(job, output.ToJsonString());
    }

    /// <summary>Stores <paramref name="output"/> as the job's output blob; returns the blob's URI.</summary>
    internal string Store(FakeJob job, string output)
    {
        var name = $"job-{job.Id}/rawOutputData";
        blobs[name] = (Encoding.UTF8.GetBytes(output), "application/json");
        if (OutputSasExpiresIn is { } expires)
            return $"{Storage}{name}?sv=2023-01-03&se={Uri.EscapeDataString((DateTimeOffset.UtcNow + expires).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}&sp=r&sig={Signature}";
        return $"{Storage}{name}" + (OutputUriWithSas ? $"?sv=2023-01-03&se=2099-01-01T00%3A00%3A00Z&sp=r&sig={Signature}" : "");
    }

    private static SortedDictionary<ulong, double> Frequencies(ulong[] shots, int total) =>
        new(shots.GroupBy(b => b).ToDictionary(g => g.Key, g => (double)g.Count() / total));

    private async Task StorageAsync(HttpContext context, string blobPath)
    {
        var request = context.Request;
        var what = $"{request.Method} {request.Path}";
        storageUserAgents.Enqueue(request.Headers.UserAgent.ToString());
        if (request.Query["sig"] != Signature || string.IsNullOrEmpty(request.Query["se"])) Violation($"{what}: no valid SAS");
        if (request.Headers["x-ms-version"] != QuantumServiceClient.StorageVersion) Violation($"{what}: x-ms-version '{request.Headers["x-ms-version"]}'");
        if (request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("x-ms-quantum-api-key")) Violation($"{what}: the workspace credential was sent to storage");
        var path = blobPath.TrimStart('/');
        var expiry = DateTimeOffset.TryParse(request.Query["se"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var se) ? se : DateTimeOffset.MinValue;
        var refuse = request.Method == "GET" && path.EndsWith("/rawOutputData", StringComparison.Ordinal) && RefuseOutputReads > 0;
        if (refuse) RefuseOutputReads--;
        if (expiry < DateTimeOffset.UtcNow || refuse)
        {
            context.Response.StatusCode = 403;
            context.Response.Headers["x-ms-error-code"] = "AuthenticationFailed";
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has to be after signed start time.</Message></Error>");
            return;
        }
        switch (request.Method)
        {
            case "PUT" when request.Query["restype"] == "container":
                if (path.Contains('/', StringComparison.Ordinal)) Violation($"{what}: container PUT on a blob path");
                if (containers.TryAdd(path, true))
                {
                    context.Response.StatusCode = 201;
                    return;
                }
                context.Response.StatusCode = 409;
                context.Response.Headers["x-ms-error-code"] = "ContainerAlreadyExists";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ContainerAlreadyExists</Code><Message>The specified container already exists.</Message></Error>");
                return;
            case "PUT" when !containers.ContainsKey(path.Split('/')[0]):
                context.Response.StatusCode = 404;
                context.Response.Headers["x-ms-error-code"] = "ContainerNotFound";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ContainerNotFound</Code><Message>The specified container does not exist.</Message></Error>");
                return;
            case "PUT":
                if (request.Headers["x-ms-blob-type"] != "BlockBlob") Violation($"{what}: x-ms-blob-type '{request.Headers["x-ms-blob-type"]}'");
                using (var buffer = new MemoryStream())
                {
                    await request.Body.CopyToAsync(buffer);
                    if (request.ContentLength != buffer.Length) Violation($"{what}: Content-Length {request.ContentLength} for {buffer.Length} bytes");
                    // Put Blob: the blob's content type is x-ms-blob-content-type, else the request's Content-Type (the blob
                    // library sends the former).
                    var blobContentType = request.Headers["x-ms-blob-content-type"].ToString();
                    blobs[path] = (buffer.ToArray(), blobContentType.Length > 0 ? blobContentType : request.ContentType ?? "");
                }
                context.Response.StatusCode = 201;
                return;
            case "GET" when blobs.TryGetValue(path, out var blob):
                context.Response.ContentType = blob.ContentType;
                await context.Response.Body.WriteAsync(blob.Data);
                return;
            default:
                context.Response.StatusCode = 404;
                context.Response.Headers["x-ms-error-code"] = "BlobNotFound";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>");
                return;
        }
    }

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.Headers["x-ms-error-code"] = code;
        return Json(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;
using static QSan.Tests.Azure.FakeAzureQuantum;

namespace QSan.Tests.Azure;

/// <summary>
/// Job creation is idempotent: a job PUT that fails after the service created the job (a 5xx, a dropped connection, a
/// timeout) is retried with the same id, and before QSan reports a failure it asks GET jobs/{id}; a job that exists is
/// tracked, joins the session and is cancelled on Ctrl+C, and is never submitted twice.
/// </summary>
public sealed class JobCreationTests : FakeServiceTest
{
    private const int Attempts = 3; // the first PUT and two retries

    private QuantumServiceClient Client(TimeSpan? networkTimeout = null)
    {
        var options = Fake.ClientOptions(maxRetries: Attempts - 1);
        if (networkTimeout is { } timeout) options.Retry.NetworkTimeout = timeout;
        return new QuantumServiceClient(Fake.Connection, WorkspaceCredential.FromApiKey(ApiKey), options);
    }

    private static (IReadOnlyList<PackedProgram> Programs, PayloadEncoder Encoder) OneJob()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, 1, 3);
        var programs = new ShotEngine(new LocalShotBackend(maxQubits: 10)).Programs(circuit, 1, inputs, weights);
        return (programs, new PayloadEncoder(TargetCatalog.Find("ionq.simulator"), PayloadFormat.IonQCircuit));
    }

    [Theory]
    [InlineData(nameof(CreateFaultKind.ServerError))]
    [InlineData(nameof(CreateFaultKind.DropConnection))]
    [InlineData(nameof(CreateFaultKind.Timeout))]
    public async Task A_job_created_before_its_PUT_failed_is_tracked_in_the_session_and_not_submitted_again(string kind)
    {
        var fault = Enum.Parse<CreateFaultKind>(kind);
        // Only the timeout case needs a short client timeout; the margins leave room for a busy machine, where a request can
        // take longer than a short timeout to reach the fake at all.
        Fake.FailJobCreation(Attempts, fault, delay: TimeSpan.FromSeconds(6));
        var client = Client(networkTimeout: fault == CreateFaultKind.Timeout ? TimeSpan.FromSeconds(1.5) : null);
        var (programs, encoder) = OneJob();
        var lines = new List<string>();
        await using var session = await AzureSession.OpenAsync(client, encoder.Target, "faults", lines.Add, default);
        var backend = new AzureShotBackend(client, encoder, new AzureBackendOptions(FastPolling, SessionId: session.Id, Submitted: session.Add, Progress: new SyncProgress<string>(lines.Add)));

        var histograms = await session.RunAsync(() => backend.RunAsync(programs, 100, default));

        var job = Assert.Single(Fake.Jobs.Values);
        Assert.Equal(Attempts, Fake.JobPuts);
        Assert.Equal([job.Id], backend.SubmittedJobs);
        Assert.Equal([job.Id], session.SubmittedJobs);
        Assert.Equal(session.Id, job.SessionId);
        Assert.Single(histograms);
        Assert.Contains(lines, l => l.Contains($"The job exists all the same (GET jobs/{job.Id}", StringComparison.Ordinal));
        Assert.Empty(Fake.Violations);
    }

    [Fact]
    public async Task A_PUT_that_fails_once_is_retried_as_the_same_job_and_the_service_answers_it_once()
    {
        Fake.FailJobCreation(1, CreateFaultKind.ServerError);
        var (programs, encoder) = OneJob();
        var backend = new AzureShotBackend(Client(), encoder, new AzureBackendOptions(FastPolling));

        await backend.RunAsync(programs, 100, default);

        Assert.Single(Fake.Jobs);
        Assert.Equal(2, Fake.JobPuts);
        Assert.Empty(Fake.Violations);
    }

    [Fact]
    public async Task A_PUT_that_created_nothing_reports_its_own_error_after_asking()
    {
        Fake.FailJobCreation(Attempts, CreateFaultKind.ServerError, create: false);
        var (programs, encoder) = OneJob();
        var backend = new AzureShotBackend(Client(), encoder, new AzureBackendOptions(FastPolling));

        var error = await Assert.ThrowsAsync<AzureQuantumRequestException>(() => backend.RunAsync(programs, 100, default));

        Assert.Equal(500, error.Status);
        Assert.StartsWith("PUT job ", error.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Jobs);
        Assert.Empty(backend.SubmittedJobs);
        Assert.Contains(Fake.Requests, r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("/jobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_cancels_a_job_whose_PUT_failed_after_creating_it()
    {
        Fake.Script = _ => JobScript.NeverFinishes;
        Fake.FailJobCreation(Attempts, CreateFaultKind.ServerError);
        var client = Client();
        var (programs, encoder) = OneJob();
        using var ctrlC = new CancellationTokenSource();
        var lines = new List<string>();
        await using var session = await AzureSession.OpenAsync(client, encoder.Target, "ctrl-c", lines.Add, default);
        var backend = new AzureShotBackend(client, encoder, new AzureBackendOptions(FastPolling, SessionId: session.Id, Submitted: session.Add,
            Progress: new SyncProgress<string>(l => { if (l.StartsWith("job ", StringComparison.Ordinal)) ctrlC.Cancel(); })));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RunAsync(() => backend.RunAsync(programs, 100, ctrlC.Token)));

        var job = Assert.Single(Fake.Jobs.Values);
        Assert.Equal("Cancelled", job.Status);
        Assert.Contains(lines, l => l.Contains($"job {job.Id}: cancellation requested", StringComparison.Ordinal));
    }
}

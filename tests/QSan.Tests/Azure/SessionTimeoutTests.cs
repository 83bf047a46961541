using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// Azure times a session out when no new job joins it for 10 minutes (Microsoft Learn, how-to-work-with-sessions): a batch
/// that comes after a longer pause goes into a new session, and the report says so; the fake times sessions out too.
/// </summary>
public sealed class SessionTimeoutTests : FakeServiceTest
{
    /// <summary>A clock that moves only when told, shared by the fake and the session.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => now.UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Theory]
    [InlineData(11, 2)] // past the timeout: a new session
    [InlineData(9.5, 2)] // within a minute of it: a new session before the batch's uploads run past it
    [InlineData(5, 1)] // well within it: the same session
    public async Task A_batch_after_a_long_pause_goes_into_a_new_session_and_says_why(double pauseMinutes, int sessions)
    {
        var clock = new ManualClock();
        Fake.Clock = clock;
        var client = Fake.Client();
        var encoder = new PayloadEncoder(TargetCatalog.Find("ionq.simulator"), PayloadFormat.IonQCircuit);
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, 2, 6);
        var programs = new ShotEngine(new LocalShotBackend(maxQubits: 10)).Programs(circuit, 2, inputs, weights);
        var lines = new List<string>();
        var session = await AzureSession.OpenAsync(client, encoder.Target, "pauses", lines.Add, default, clock);
        var backend = new AzureShotBackend(client, encoder, new AzureBackendOptions(FastPolling, Session: session));

        await backend.RunAsync(programs, 100, default);
        clock.Advance(TimeSpan.FromMinutes(pauseMinutes));
        await backend.RunAsync(programs, 100, default);
        await session.DisposeAsync();

        Assert.Empty(Fake.Violations);
        Assert.Equal(sessions, session.Sessions.Count);
        Assert.Equal(sessions, Fake.Sessions.Count);
        var second = Fake.Jobs.Values.OrderBy(j => j.Order).Skip(programs.Length).ToArray();
        Assert.All(second, j => Assert.Equal(session.Sessions[^1], j.SessionId));
        Assert.Equal(2 * programs.Length, session.SubmittedJobs.Count);
        if (sessions == 2)
        {
            Assert.Contains(lines, l => l.Contains($"Session {session.Sessions[0]} has had no new job for {pauseMinutes:0.#} minutes", StringComparison.Ordinal)
                && l.Contains("times a session out after 10 minutes", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains($"continuing session {session.Sessions[0]}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_fake_times_out_a_session_without_a_new_job_for_ten_minutes()
    {
        var clock = new ManualClock();
        Fake.Clock = clock;
        var client = Fake.Client();
        var session = await client.OpenSessionAsync("idle", TargetCatalog.Find("ionq.simulator"), AzureSession.FailurePolicy, default);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("TimedOut", (await client.GetSessionAsync(session.Id!, default)).Status);
    }
}

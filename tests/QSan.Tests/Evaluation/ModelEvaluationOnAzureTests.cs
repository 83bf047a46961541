using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Evaluation;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Shots;
using QSan.Tests.Azure;
using QSan.Tests.Data;
using QSan.Tests.Training;
using QSan.Training;

namespace QSan.Tests.Evaluation;

/// <summary>
/// End to end without network: a QSANN model trained on the built-in corpus with the native engine, saved, reopened and
/// evaluated on the fake IonQ simulator through <see cref="AzureEngines.Create"/> (payloads, jobs, results, estimator),
/// against the native engine and the local shot-sampling mode.
/// </summary>
/// <remarks>
/// The fake draws its counts per job with its own seeds from an independent simulator, as the service would; the local
/// mode draws with one generator. Identical samples are therefore not to be expected, only the same distribution: exact
/// results must reproduce the native evaluation to rounding, and sampled ones must differ from the local ones by no
/// more than the sampling spread measured over several local seeds.
/// </remarks>
public sealed class ModelEvaluationOnAzureTests : IAsyncLifetime
{
    private const int Shots = 1000;
    private static readonly JobWaitOptions FastPolling = new(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60));

    private readonly TemporaryDirectory folder = new();
    private FakeAzureQuantum fake = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeAzureQuantum.StartAsync();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 6), folder.Path);
    }

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>
    /// The settings the CLI builds for <c>--backend azure:ionq.simulator --format ionq</c>, pointed at the fake; exact
    /// results list every outcome of a program, so programs with many independent circuits are too big for them.
    /// </summary>
    private AzureEngineSettings IonQSimulator(int? maxQubits = null, Func<SubmissionEstimate, bool>? confirm = null) => new(
        "ionq.simulator",
        new AzureSettingsInput(ConnectionString: fake.ConnectionString),
        Shots, PayloadFormat.IonQCircuit, maxQubits, Wait: FastPolling, Confirm: confirm, ClientOptions: fake.ClientOptions());

    /// <summary>Local sampling with a seed, built by the engine factory as evaluate builds it.</summary>
    private static (BackendChoice Backend, Func<string, int, IQuantumEngine>? Remote, int? Seed) Local(int shots, int seed) => (BackendChoice.Shots(shots), null, seed);

    /// <summary>An Azure target whose engine the test opens (the fake service, or a planner).</summary>
    private static (BackendChoice Backend, Func<string, int, IQuantumEngine>? Remote, int? Seed) Remote(Func<int, IQuantumEngine> open) =>
        (BackendChoice.Azure("ionq.simulator"), (_, depth) => open(depth), null);

    /// <summary>The test split's probabilities from one forward pass (one engine call) and the accuracy they give.</summary>
    private async Task<(double[] P, double Accuracy, Score Score)> EvaluateTestSplit((BackendChoice Backend, Func<string, int, IQuantumEngine>? Remote, int? Seed)? engine, bool score = false)
    {
        var state = await TrainingRunState.OpenAsync(folder.Path, new TemplateCircuitSource(), engine?.Backend, engine?.Remote, engine?.Seed);
        var (ids, offsets, labels) = state.Test.Range(0, state.Test.Count);
        var p = state.Model.Probabilities(ids, offsets);
        var correct = p.Where((v, i) => v >= 0.5 == labels[i] >= 0.5).Count();
        var evaluation = score ? TrainingLoop.Evaluate(state.Model, state.Test, state.Options.Loss) : new Score(double.NaN, double.NaN, 0);
        return (p, (double)correct / p.Length, evaluation);
    }

    private static double Rms(IEnumerable<double> values) => Math.Sqrt(values.Average(v => v * v));

    /// <summary>Per sentence, the standard deviation of p over <paramref name="seeds"/> local evaluations with <see cref="Shots"/> shots.</summary>
    private async Task<double[]> SamplingSpread(IEnumerable<int> seeds)
    {
        var runs = new List<double[]>();
        foreach (var seed in seeds) runs.Add((await EvaluateTestSplit(Local(Shots, seed))).P);
        return [.. Enumerable.Range(0, runs[0].Length).Select(i =>
        {
            var mean = runs.Average(r => r[i]);
            return Math.Sqrt(runs.Sum(r => (r[i] - mean) * (r[i] - mean)) / (runs.Count - 1));
        })];
    }

    /// <summary>Sentences whose exact p lies within <paramref name="k"/> spreads of 0.5: the only ones shot noise may flip.</summary>
    private static int NearTheBoundary(double[] exact, double[] spread, double k) => exact.Where((p, i) => Math.Abs(p - 0.5) <= k * spread[i]).Count();

    [Fact]
    public async Task Exact_IonQ_simulator_results_reproduce_the_native_evaluation()
    {
        fake.ExactProbabilities = true; // what ionq.simulator returns: the ideal distribution
        var native = await EvaluateTestSplit(null, score: true);
        const int maxQubits = 8;
        var planner = new SubmissionPlanner(maxQubits, new ShotEngineOptions(Shots));
        await EvaluateTestSplit(Remote(_ => planner));

        var confirmed = new List<SubmissionEstimate>();
        var azure = await EvaluateTestSplit(Remote(depth => AzureEngines.Create(IonQSimulator(maxQubits, e => { confirmed.Add(e); return true; }), null, depth)), score: true);

        Assert.Empty(fake.Violations);
        Assert.Equal(native.P.Length, azure.P.Length);
        for (var i = 0; i < native.P.Length; i++) Assert.Equal(native.P[i], azure.P[i], 9);
        Assert.Equal(native.Accuracy, azure.Accuracy);
        Assert.Equal(native.Score.Accuracy, azure.Score.Accuracy);
        Assert.Equal(native.Score.Loss, azure.Score.Loss, 9);
        // Two evaluations (probabilities, then the score), each submitted as the plan predicted.
        Assert.Equal(2, confirmed.Count);
        Assert.All(confirmed, e => Assert.Equal(planner.Estimate(TargetCatalog.Find("ionq.simulator")) with { Target = e.Target }, e));
        Assert.Equal(2 * planner.AllPrograms().Length, fake.Jobs.Count);
    }

    [Fact]
    public async Task Sampled_IonQ_counts_give_the_local_shot_modes_probabilities_within_the_sampling_spread()
    {
        var native = await EvaluateTestSplit(null);
        var local = await EvaluateTestSplit(Local(Shots, seed: 1));
        var azure = await EvaluateTestSplit(Remote(depth => AzureEngines.Create(IonQSimulator(), null, depth)));
        var spread = await SamplingSpread(Enumerable.Range(2, 16));

        Assert.Empty(fake.Violations);
        Assert.All(spread, s => Assert.True(s > 0, "every probability carries shot noise"));
        for (var i = 0; i < native.P.Length; i++)
            Assert.True(Math.Abs(azure.P[i] - local.P[i]) <= 5 * Math.Sqrt(2) * spread[i],
                $"sentence {i}: azure {azure.P[i]:R}, local {local.P[i]:R}, spread {spread[i]:R}");
        // The fake's results are as noisy as Shots samples make them: neither exact nor from fewer shots.
        var expected = Rms(spread);
        Assert.InRange(Rms(azure.P.Select((p, i) => p - native.P[i])), 0.6 * expected, 1.6 * expected);
        Assert.InRange(Rms(local.P.Select((p, i) => p - native.P[i])), 0.6 * expected, 1.6 * expected);
        // Only sentences within the noise of the decision boundary may be classified differently.
        var mayFlip = NearTheBoundary(native.P, spread, 5);
        Assert.InRange(Math.Abs(azure.Accuracy - local.Accuracy) * native.P.Length, 0, mayFlip + 1e-9);
    }

    [Fact]
    public async Task A_large_shot_count_gives_the_native_accuracy_and_probabilities()
    {
        const int many = 100 * Shots;
        var native = await EvaluateTestSplit(null);
        var few = await EvaluateTestSplit(Local(Shots, seed: 1));
        var large = await EvaluateTestSplit(Local(many, seed: 1));
        var spread = await SamplingSpread(Enumerable.Range(2, 16));

        // The noise of p falls as 1/√shots: 100 times the shots, a tenth of the deviation.
        var deviationFew = Rms(few.P.Select((p, i) => p - native.P[i]));
        var deviationLarge = Rms(large.P.Select((p, i) => p - native.P[i]));
        Assert.InRange(deviationLarge, 0.05 * deviationFew, 0.2 * deviationFew);
        for (var i = 0; i < native.P.Length; i++) Assert.InRange(Math.Abs(large.P[i] - native.P[i]), 0, 5 * spread[i] / 10);
        var mayFlip = NearTheBoundary(native.P, spread, 0.5);
        Assert.InRange(Math.Abs(large.Accuracy - native.Accuracy) * native.P.Length, 0, mayFlip + 1e-9);
    }

    private EvaluationRequest OnTheFake(string target = "ionq.simulator") => new(folder.Path, BackendChoice.Azure(target), Split: "test",
        Azure: new AzureEvaluationSettings(IonQSimulator().Workspace, Shots: 100, Format: "ionq", ConfirmCost: true, ClientOptions: fake.ClientOptions()));

    [Fact]
    public async Task An_evaluation_opens_a_session_submits_its_jobs_in_it_and_closes_it()
    {
        var lines = new List<string>();
        var report = await ModelEvaluation.RunAsync(OnTheFake(), new TemplateCircuitSource(), lines.Add);

        Assert.NotNull(report);
        Assert.Empty(fake.Violations);
        var session = Assert.Single(fake.Sessions.Values);
        Assert.True(session.Closed);
        Assert.Equal("Succeeded", session.Details()["status"]!.GetValue<string>());
        Assert.Equal("Abort", session.Details()["jobFailurePolicy"]!.GetValue<string>());
        Assert.NotEmpty(fake.Jobs);
        Assert.All(fake.Jobs.Values, j => Assert.Equal(session.Id, j.SessionId));
        Assert.Contains(lines, l => l.Contains($"Closed session {session.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_cancels_the_submitted_jobs_after_saying_so_and_closes_the_session()
    {
        fake.Script = _ => JobScript.NeverFinishes;
        using var interrupt = new CancellationTokenSource();
        var lines = new List<string>();
        void Info(string line)
        {
            lock (lines) lines.Add(line);
            if (line.Contains("submitted job", StringComparison.Ordinal)) interrupt.Cancel();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelEvaluation.RunAsync(OnTheFake(), new TemplateCircuitSource(), Info, interrupt.Token));

        Assert.Empty(fake.Violations);
        var session = Assert.Single(fake.Sessions.Values);
        Assert.True(session.Closed);
        Assert.NotEmpty(fake.Jobs);
        Assert.All(fake.Jobs.Values, j => Assert.Equal("Cancelled", j.Status));
        Assert.DoesNotContain(fake.Requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
        var said = lines.FindIndex(l => l.Contains("Interrupted: cancelling", StringComparison.Ordinal));
        Assert.True(said >= 0, string.Join("\n", lines));
        Assert.True(said < lines.FindIndex(l => l.Contains("cancellation requested", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_retired_target_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<TargetRetiredException>(() => ModelEvaluation.RunAsync(OnTheFake("ionq.qpu.aria-2"), new TemplateCircuitSource()));

        Assert.Contains("ionq.qpu.forte-1", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task The_plan_packs_circuits_into_the_live_register_size()
    {
        // The fake's workspace says Aria 1 has 23 qubits (QSan's offline table: 25); the run must pack as the plan did.
        var lines = new List<string>();
        await ModelEvaluation.RunAsync(OnTheFake("ionq.qpu.aria-1"), new TemplateCircuitSource(), lines.Add);

        Assert.Empty(fake.Violations);
        Assert.Contains(lines, l => l.Contains("ionq.qpu.aria-1: Degraded, 23 qubits", StringComparison.Ordinal));
        Assert.All(fake.Jobs.Values, j => Assert.True(SubmittedProgram.Read(j.InputFormat, j.Input).QubitCount <= 23));
    }
}

using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// The shot engine on the fake service end to end: payloads written, submitted, run by the fake (reference simulator),
/// results parsed in each provider's bit order and estimated — matched against the exact native engine and against the
/// local shot-sampling mode.
/// </summary>
public sealed class AzureEngineEndToEndTests : IAsyncLifetime
{
    private static readonly JobWaitOptions FastPolling = new(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60));

    private FakeAzureQuantum fake = null!;

    public async Task InitializeAsync() => fake = await FakeAzureQuantum.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private (ShotEngine Engine, AzureShotBackend Backend) Engine(string target, PayloadFormat format, int shots, int? maxQubits = null, Func<SubmissionEstimate, bool>? confirm = null)
    {
        var backend = new AzureShotBackend(fake.Client(), new PayloadEncoder(TargetCatalog.Find(target), format), new AzureBackendOptions(FastPolling, maxQubits, Confirm: confirm));
        return (new ShotEngine(backend, new ShotEngineOptions(shots)), backend);
    }

    /// <summary>Uniform angles in [0, 2π) for <paramref name="tokens"/> tokens and the weights.</summary>
    internal static (double[] Inputs, double[] Weights) Random(QSan.Quantum.Circuits.BranchedCircuit circuit, int tokens, int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, tokens * circuit.InputCount).Select(_ => random.NextDouble() * 2 * Math.PI)],
                [.. Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * 2 * Math.PI)]);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    public void IonQ_exact_probabilities_give_the_native_engines_expectations(int n, int depth)
    {
        fake.ExactProbabilities = true;
        var circuit = QsannCircuits.AttentionCircuit(n, depth);
        var (inputs, weights) = Random(circuit, 3, n * 10 + depth);
        var (engine, backend) = Engine("ionq.simulator", PayloadFormat.IonQCircuit, 1000, maxQubits: 2 * n);

        var estimate = engine.Estimate(circuit, 3, inputs, weights);
        var exact = new double[estimate.Expectations.Length];
        new NativeEngine().Forward(circuit, 3, inputs, weights, exact);

        Assert.Empty(fake.Violations);
        Assert.Equal(depth == 0 ? 12 : 15, estimate.Circuits); // query, key, value in 2 or 3 bases, per token
        Assert.Equal((estimate.Circuits + 1) / 2, backend.SubmittedJobs.Count); // two circuits per 2n-qubit program
        for (var i = 0; i < exact.Length; i++) Assert.Equal(exact[i], estimate.Expectations[i], 9);
    }

    [Fact]
    public void Sampled_IonQ_counts_match_the_local_shot_mode_within_their_standard_errors()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = Random(circuit, 4, 5);
        var (azure, _) = Engine("ionq.simulator", PayloadFormat.IonQCircuit, 4000);
        var local = ShotEngine.Local(4000, seed: 3, maxQubits: 29);

        var remote = azure.Estimate(circuit, 4, inputs, weights);
        var here = local.Estimate(circuit, 4, inputs, weights);
        var exact = new double[remote.Expectations.Length];
        new NativeEngine().Forward(circuit, 4, inputs, weights, exact);

        Assert.Empty(fake.Violations);
        Assert.Equal(here.Programs, remote.Programs);
        for (var i = 0; i < exact.Length; i++)
        {
            var combined = Math.Sqrt(remote.StandardErrors[i] * remote.StandardErrors[i] + here.StandardErrors[i] * here.StandardErrors[i]);
            Assert.InRange(Math.Abs(remote.Expectations[i] - here.Expectations[i]), 0, 5 * combined + 1e-12);
            Assert.InRange(Math.Abs(remote.Expectations[i] - exact[i]), 0, 5 * remote.StandardErrors[i] + 1e-12);
        }
    }

    [Fact]
    public void Quantinuum_register_strings_are_read_highest_bit_first()
    {
        // Circuits whose outcomes are certain expose any bit-order mistake: X on qubit 0 only, in every slot.
        var circuit = new QSan.Quantum.Circuits.BranchedCircuit(
            new QSan.Quantum.Circuits.CircuitTemplate("flip0", 3, 1, 0, [new(QSan.Quantum.Circuits.GateKind.Rx, 0, Angle: QSan.Quantum.Circuits.AngleSource.Input(0))]),
            [new("probe", new QSan.Quantum.Circuits.CircuitTemplate("none", 3, 0, 0, []), [new(QSan.Quantum.Circuits.Pauli.Z, 0), new(QSan.Quantum.Circuits.Pauli.Z, 1), new(QSan.Quantum.Circuits.Pauli.Z, 2)])]);
        var (engine, _) = Engine("quantinuum.sim.h2-1e", PayloadFormat.OpenQasm, 50, confirm: _ => true);

        var estimate = engine.Estimate(circuit, 2, [Math.PI, 0], []);

        Assert.Empty(fake.Violations);
        Assert.Equal([-1.0, 1.0, 1.0, 1.0, 1.0, 1.0], estimate.Expectations.Select(v => Math.Round(v, 12)));
        Assert.All(estimate.StandardErrors, s => Assert.Equal(0, s, 12));
    }

    [Fact]
    public void Quantinuum_payloads_carry_the_requested_shots_as_shots()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = Random(circuit, 1, 4);
        var (engine, backend) = Engine("quantinuum.sim.h2-1e", PayloadFormat.OpenQasm, 321, confirm: _ => true);

        engine.Estimate(circuit, 1, inputs, weights);

        Assert.Empty(fake.Violations);
        Assert.NotEmpty(backend.SubmittedJobs);
        Assert.All(backend.SubmittedJobs, id =>
        {
            Assert.Equal(321, fake.Jobs[id].Shots);
            Assert.Equal(321, fake.Jobs[id].InputParams!["shots"]!.GetValue<int>());
        });
    }

    [Fact]
    public void Quantinuum_OpenQASM_jobs_match_the_native_engine_within_their_standard_errors()
    {
        var circuit = QsannCircuits.AttentionCircuit(3, 1);
        var (inputs, weights) = Random(circuit, 2, 9);
        var (engine, _) = Engine("quantinuum.sim.h2-1e", PayloadFormat.OpenQasm, 3000, confirm: _ => true);

        var estimate = engine.Estimate(circuit, 2, inputs, weights);
        var exact = new double[estimate.Expectations.Length];
        new NativeEngine().Forward(circuit, 2, inputs, weights, exact);

        Assert.Empty(fake.Violations);
        for (var i = 0; i < exact.Length; i++) Assert.InRange(Math.Abs(estimate.Expectations[i] - exact[i]), 0, 5 * estimate.StandardErrors[i] + 1e-12);
    }

    [Fact]
    public void An_unconfirmed_paid_submission_sends_nothing()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = Random(circuit, 1, 1);
        SubmissionEstimate? seen = null;
        var (engine, backend) = Engine("ionq.qpu.aria-1", PayloadFormat.IonQCircuit, 100, confirm: e => { seen = e; return false; });

        var error = Assert.Throws<SubmissionDeclinedException>(() => engine.Estimate(circuit, 1, inputs, weights));

        Assert.Empty(fake.Requests);
        Assert.Empty(backend.SubmittedJobs);
        Assert.NotNull(seen);
        Assert.Equal(1, seen.Jobs);
        Assert.Equal(97.5, seen.Cost); // one job under Aria's minimum price
        Assert.Contains("estimate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_job_stops_the_evaluation_with_the_services_error()
    {
        fake.Script = _ => JobScript.Fails;
        var circuit = QsannCircuits.AttentionCircuit(2, 0);
        var (inputs, weights) = Random(circuit, 1, 1);
        var (engine, _) = Engine("ionq.simulator", PayloadFormat.IonQCircuit, 100);

        var error = Assert.Throws<AzureQuantumJobFailedException>(() => engine.Estimate(circuit, 1, inputs, weights));
        Assert.Equal("InvalidInputData", error.Job.ErrorData?.Code);
    }
}

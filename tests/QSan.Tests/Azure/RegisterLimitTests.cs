using System.Collections.Immutable;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// Register limits per mode (Microsoft Learn): the H2 emulators run QSANN's non-Clifford circuits on 32 qubits, not 56;
/// IonQ's simulator with the aria-1 noise model on 25, not 29; Forte has 36. The fake service fails a job over its
/// mode's limit as the real one does, so packing into the device's register shows up as a failed job.
/// </summary>
public sealed class RegisterLimitTests : FakeServiceTest
{
    private ShotEstimate Run(string target, PayloadFormat format, ProviderNoise? noise, int tokens, out AzureShotBackend backend)
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, tokens, 5);
        backend = new AzureShotBackend(Fake.Client(), new PayloadEncoder(TargetCatalog.Find(target), format, null, noise), new AzureBackendOptions(FastPolling));
        return new ShotEngine(backend, new ShotEngineOptions(200)).Estimate(circuit, tokens, inputs, weights);
    }

    [Fact]
    public void The_H2_emulators_run_QSANN_on_32_qubits_so_two_tokens_need_two_jobs_that_both_succeed()
    {
        // 2 tokens × 5 circuits × 4 qubits = 40 qubits: within H2's 56, over the emulator's state-vector 32.
        var estimate = Run("quantinuum.sim.h2-1e", PayloadFormat.OpenQasm, null, 2, out var backend);

        Assert.Empty(Fake.Violations);
        Assert.Empty(Fake.LimitFailures);
        Assert.Equal(32, backend.MaxQubits);
        Assert.Equal(2, estimate.Programs);
        Assert.All(Fake.Jobs.Values, j => Assert.True(SubmittedProgram.Read(j.InputFormat, j.Input).QubitCount <= 32));
    }

    [Fact]
    public void IonQ_s_aria_1_noise_model_runs_25_qubits_so_packed_jobs_stay_under_it()
    {
        var estimate = Run("ionq.simulator", PayloadFormat.IonQCircuit, ProviderNoise.Parse("aria-1:3"), 2, out var backend);

        Assert.Empty(Fake.Violations);
        Assert.Empty(Fake.LimitFailures);
        Assert.Equal(25, backend.MaxQubits);
        Assert.Equal(2, estimate.Programs); // 6 circuits of 4 qubits (24), then 4; without the model 7 (28) would go first
        Assert.All(Fake.Jobs.Values, j => Assert.True(SubmittedProgram.Read(j.InputFormat, j.Input).QubitCount <= 25));
    }

    [Fact]
    public async Task The_fake_fails_a_job_over_its_mode_s_limit_as_the_service_does()
    {
        var programs = Pack(40);
        var client = Fake.Client();
        var encoder = new PayloadEncoder(TargetCatalog.Find("quantinuum.sim.h2-1e"), PayloadFormat.OpenQasm);
        var job = await client.SubmitJobAsync(encoder.Encode(programs[0], 10), encoder.Target, "too-big", null, default);
        var done = await client.WaitForJobAsync(job.Id!, FastPolling, null, default);

        Assert.Equal(JobStatuses.Failed, done.Status);
        Assert.Contains("at most 32", done.ErrorData!.Message, StringComparison.Ordinal);
        Assert.Single(Fake.LimitFailures);
    }

    [Fact]
    public void Programs_over_the_mode_s_limit_are_refused_before_anything_is_sent()
    {
        var backend = new AzureShotBackend(Fake.Client(), new PayloadEncoder(TargetCatalog.Find("quantinuum.sim.h2-2e"), PayloadFormat.OpenQasm), new AzureBackendOptions(FastPolling));

        var error = Assert.Throws<ArgumentException>(() => backend.Run(Pack(40), 10, default));

        Assert.Contains("40 qubits", error.Message, StringComparison.Ordinal);
        Assert.Contains("provider-quantinuum", error.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Theory]
    [InlineData("quantinuum.sim.h2-1e", null, 32, "56/32 qubits")]
    [InlineData("quantinuum.sim.h2-2e", null, 32, "stabilizer simulation")]
    [InlineData("quantinuum.qpu.h2-1", null, 56, "provider-quantinuum")]
    [InlineData("quantinuum.sim.h2-1sc", null, 56, "provider-quantinuum")]
    [InlineData("ionq.simulator", null, 29, "provider-ionq")]
    [InlineData("ionq.simulator", "ideal", 29, "provider-ionq")]
    [InlineData("ionq.simulator", "aria-1", 25, "25 qubits for the aria-1 noise model")]
    [InlineData("ionq.simulator", "forte-1", 29, "provider-ionq")]
    [InlineData("ionq.qpu.forte-1", null, 36, "provider-ionq")]
    [InlineData("ionq.qpu.forte-enterprise-1", null, 36, "provider-ionq")]
    [InlineData("ionq.qpu.aria-1", null, 25, "provider-ionq")]
    public void Each_mode_has_its_limit_and_names_its_source(string target, string? noise, int qubits, string source)
    {
        var limit = RegisterLimit.For(TargetCatalog.Find(target), noise is null ? null : ProviderNoise.Parse(noise));

        Assert.Equal(qubits, limit.Qubits);
        Assert.Contains(source, limit.Source, StringComparison.Ordinal);
        Assert.Contains(limit.Source, limit.Describe(target), StringComparison.Ordinal);
    }

    [Fact]
    public void The_live_size_is_the_device_s_and_the_emulator_s_mode_still_caps_it()
    {
        ProviderStatus[] live = [new("quantinuum", "Available", [new("quantinuum.sim.h2-1e", "Available", 0, null, NumQubits: 56), new("quantinuum.qpu.h2-1", "Available", 0, null, NumQubits: 56)])];

        Assert.Equal(32, RegisterLimit.For(TargetCatalog.Check("quantinuum.sim.h2-1e", live)).Qubits);
        var qpu = RegisterLimit.For(TargetCatalog.Check("quantinuum.qpu.h2-1", live));
        Assert.Equal(56, qpu.Qubits);
        Assert.Contains("providerStatus", qpu.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_qubits_may_lower_the_limit_but_not_raise_a_known_one()
    {
        var h2e = TargetCatalog.Find("quantinuum.sim.h2-1e");

        Assert.Equal(20, RegisterLimit.For(h2e, null, 20).Qubits);
        var error = Assert.Throws<ArgumentException>(() => RegisterLimit.For(h2e, null, 40));
        Assert.Contains("MaxQubits 40", error.Message, StringComparison.Ordinal);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
        // The caller's name for the setting, when it gives one.
        Assert.StartsWith("CircuitSubmissionRequest.MaxQubits 40 is more", Assert.Throws<ArgumentException>(() => RegisterLimit.For(h2e, null, 40, "CircuitSubmissionRequest.MaxQubits")).Message, StringComparison.Ordinal);
        // A target outside the catalogue has a guessed size, which a requested size may exceed.
        Assert.Equal(40, RegisterLimit.For(TargetCatalog.Find("ionq.qpu.tempo-1"), null, 40).Qubits);
    }

    [Fact]
    public void Helios_takes_QIR_and_OpenQASM_for_it_is_refused_naming_the_option()
    {
        var helios = TargetCatalog.Find("quantinuum.qpu.helios-1");

        Assert.Equal(PayloadFormat.Qir, helios.NativeFormat);
        var error = Assert.Throws<ArgumentException>(() => new PayloadEncoder(helios, PayloadFormat.OpenQasm));
        Assert.Contains("PayloadFormat.OpenQasm", error.Message, StringComparison.Ordinal);
        Assert.Contains("use PayloadFormat.Qir", error.Message, StringComparison.Ordinal);
        Assert.Contains("H2", error.Message, StringComparison.Ordinal);
        Assert.Equal(PayloadFormat.OpenQasm, TargetCatalog.Find("quantinuum.qpu.h2-2").NativeFormat);
    }

    /// <summary>One program of <paramref name="qubits"/> qubits: ten 4-qubit query circuits side by side.</summary>
    private static ImmutableArray<PackedProgram> Pack(int qubits)
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var tokens = (qubits / 4 + 4) / 5;
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, tokens, 1);
        var all = PackedProgram.Pack(MeasurementPlan.Build(circuit, tokens, inputs, weights), qubits / 4);
        Assert.Equal(qubits, all[0].QubitCount);
        return all;
    }
}

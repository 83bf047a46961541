using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// <c>--provider-noise</c>: IonQ's hardware noise models on its simulator, asked for in the job's input parameters, and
/// compared on the fake service with QSan's presets of the same devices on the density-matrix engine.
/// </summary>
public sealed class ProviderNoiseTests : IAsyncLifetime
{
    private static readonly JobWaitOptions FastPolling = new(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60));

    private FakeAzureQuantum fake = null!;

    public async Task InitializeAsync() => fake = await FakeAzureQuantum.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Theory]
    [InlineData("aria-1", "aria-1", null)]
    [InlineData(" Forte-1:42 ", "forte-1", 42L)]
    [InlineData("ideal:2147483648", "ideal", 2147483648L)]
    public void Models_and_seeds_read_as_ionq_names_them(string text, string model, long? seed)
    {
        var noise = ProviderNoise.Parse(text);
        Assert.Equal(model, noise.Model);
        Assert.Equal(seed, noise.Seed);
    }

    [Theory]
    [InlineData("aria", "Unknown value 'aria' for ProviderNoise")]
    [InlineData("harmony", "does not publish its model's formula")]
    [InlineData("aria-2", "Aria 2 is retired")]
    [InlineData("aria-1:0", "from 1 to 2147483648")]
    [InlineData("aria-1:2147483649", "from 1 to 2147483648")]
    [InlineData("aria-1:seven", "from 1 to 2147483648")]
    [InlineData("aria-1:1:2", "from 1 to 2147483648")]
    public void Bad_values_are_refused_naming_the_option(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ProviderNoise.Parse(text));
        Assert.Contains(expected, e.Message);
        Assert.Contains("ProviderNoise", e.Message);
    }

    [Fact]
    public void Each_model_maps_to_the_native_preset_of_the_same_device()
    {
        Assert.Same(NoiseModel.IonQAria, ProviderNoise.Parse("aria-1").NativePreset);
        Assert.Same(NoiseModel.IonQForte, ProviderNoise.Parse("forte-1").NativePreset);
        Assert.True(ProviderNoise.Parse("ideal").NativePreset.IsNoiseless);
    }

    [Fact]
    public void The_simulator_model_is_ionq_s_formula_with_its_published_parameters()
    {
        // K₀ = √(1 − 3r₁/4) I, Kᵢ = √(r₁/4) σᵢ: depolarizing 3r₁/4; K₀₀ = √(1 − 15r₂/16), Kᵢⱼ = √(r₂/16) σᵢσⱼ: the pair channel 15r₂/16.
        var aria = ProviderNoise.Parse("aria-1").SimulatorModel;
        Assert.Equal(0.75 * 0.0005, Assert.Single(aria.AfterSingleQubitGates).Probability, 15);
        Assert.Empty(aria.AfterTwoQubitGates);
        Assert.Equal(15.0 / 16 * 0.0133, aria.PairDepolarizing, 15);
        Assert.Equal(1 - 0.0133, aria.PairShrink, 12);
        Assert.Equal(0, aria.ReadoutError);
        Assert.Equal(25, aria.MaxQubits);
        var forte = ProviderNoise.Parse("forte-1").SimulatorModel;
        Assert.Equal(0.75 * 0.0002666666666666667, Assert.Single(forte.AfterSingleQubitGates).Probability, 15);
        Assert.Equal(15.0 / 16 * 0.004949333333333333, forte.PairDepolarizing, 15);
        Assert.Equal(29, forte.MaxQubits);
        Assert.True(ProviderNoise.Parse("ideal").SimulatorModel.IsNoiseless);
        // The Forte preset carries the same figures as IonQ's forte-1 model.
        Assert.Equal(NoiseModel.IonQForte with { Spec = forte.Spec, MaxQubits = forte.MaxQubits }, forte);
        // The spec reads back as the same channels (the register limit is the device's, not part of the spec).
        Assert.Equal(aria with { MaxQubits = null }, NoiseModel.Parse(aria.Spec));
    }

    [Theory]
    [InlineData("ionq.qpu.aria-1")]
    [InlineData("ionq.qpu.forte-1")]
    [InlineData("quantinuum.sim.h2-1e")]
    public void Targets_other_than_ionq_s_simulator_are_refused(string target)
    {
        var e = Assert.Throws<ArgumentException>(() => new PayloadEncoder(TargetCatalog.Find(target), PayloadFormat.IonQCircuit, null, ProviderNoise.Parse("aria-1")));
        Assert.StartsWith("ProviderNoise asks IonQ's simulator", e.Message);
        Assert.Contains("ionq.simulator", e.Message);
        Assert.Contains(target, e.Message);
    }

    [Fact]
    public void The_model_and_seed_go_into_every_job_s_input_params_beside_the_shots()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, 2, 1);
        var programs = new ShotEngine(new LocalShotBackend(maxQubits: 4), new ShotEngineOptions(100)).Programs(circuit, 2, inputs, weights);
        var encoder = new PayloadEncoder(TargetCatalog.Find("ionq.simulator"), PayloadFormat.IonQCircuit, null, ProviderNoise.Parse("aria-1:5"));

        foreach (var program in programs)
        {
            var payload = encoder.Encode(program, 100);
            Assert.Equal(100, payload.Shots);
            Assert.Equal("{\"model\":\"aria-1\",\"seed\":5}", payload.InputParams["noise"]!.ToJsonString());
        }
        var plain = new PayloadEncoder(TargetCatalog.Find("ionq.simulator"), PayloadFormat.IonQCircuit).Encode(programs[0], 100);
        Assert.Null(plain.InputParams["noise"]);
    }

    [Theory]
    [InlineData("aria-1")]
    [InlineData("forte-1")]
    public void The_noisy_simulator_s_estimates_agree_with_the_exact_expectations_of_ionq_s_model(string model)
    {
        var noise = ProviderNoise.Parse(model);
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, 2, 3);
        const int shots = 20_000;
        var backend = new AzureShotBackend(fake.Client(), new PayloadEncoder(TargetCatalog.Find("ionq.simulator"), PayloadFormat.IonQCircuit, null, noise),
            new AzureBackendOptions(FastPolling, MaxQubits: 8));

        var estimate = new ShotEngine(backend, new ShotEngineOptions(shots)).Estimate(circuit, 2, inputs, weights);
        var noisy = new double[estimate.Expectations.Length];
        new DensityMatrixEngine(noise.SimulatorModel).Forward(circuit, 2, inputs, weights, noisy);
        var clean = new double[noisy.Length];
        new NativeEngine().Forward(circuit, 2, inputs, weights, clean);

        Assert.Empty(fake.Violations);
        Assert.All(fake.Jobs.Values, j => Assert.Equal(model, j.InputParams!["noise"]!["model"]!.GetValue<string>()));
        for (var i = 0; i < noisy.Length; i++)
            Assert.InRange(Math.Abs(estimate.Expectations[i] - noisy[i]), 0, 5 * estimate.StandardErrors[i] + 1e-12);
        double ChiSquare(double[] reference) => Enumerable.Range(0, reference.Length).Sum(i => Math.Pow((estimate.Expectations[i] - reference[i]) / estimate.StandardErrors[i], 2));
        var (zNoisy, zClean) = (ChiSquare(noisy), ChiSquare(clean));
        // Each value alone is within shot error of both at this noise level; all of them together tell the two apart:
        // χ² against the noisy values stays under 2K (p ≈ 0.001 for K = 28), and is well below χ² against the noiseless ones.
        Assert.True(zNoisy < 2 * noisy.Length, $"{model}: χ² {zNoisy:0.0} against IonQ's model over {noisy.Length} values");
        Assert.True(zClean > zNoisy + 10, $"{model}: χ² {zNoisy:0.0} against IonQ's model, {zClean:0.0} against no noise");
        // Forte: IonQ's model and the preset are the same channels. Aria: IonQ's model has a 99.0 % two-qubit gate and no
        // readout error, the preset Microsoft's 99.6 % and 0.39 %; the estimates tell them apart.
        var preset = new double[noisy.Length];
        new DensityMatrixEngine(noise.NativePreset).Forward(circuit, 2, inputs, weights, preset);
        var zPreset = ChiSquare(preset);
        if (model == "aria-1") Assert.True(zPreset > zNoisy + 10, $"{model}: χ² {zNoisy:0.0} against IonQ's model, {zPreset:0.0} against the preset");
        else Assert.True(zPreset < 2 * noisy.Length, $"{model}: χ² {zPreset:0.0} against the preset");
    }

    [Fact]
    public void The_same_seed_gives_the_same_noisy_counts()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, 1, 4);
        double[] Run(string text)
        {
            var backend = new AzureShotBackend(fake.Client(), new PayloadEncoder(TargetCatalog.Find("ionq.simulator"), PayloadFormat.IonQCircuit, null, ProviderNoise.Parse(text)),
                new AzureBackendOptions(FastPolling, MaxQubits: 4));
            return [.. new ShotEngine(backend, new ShotEngineOptions(500)).Estimate(circuit, 1, inputs, weights).Expectations];
        }

        Assert.Equal(Run("aria-1:77"), Run("aria-1:77"));
        Assert.NotEqual(Run("aria-1:77"), Run("aria-1:78"));
        Assert.Empty(fake.Violations);
    }
}

using System.Text.Json;
using QSan.Benchmarks;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using QSan.Tests.Cli;
using QSan.Tests.Quantum.Qsann;

namespace QSan.Tests.Benchmarks;

/// <summary>
/// The timing of Microsoft's noisy simulator that <c>bench engine</c> reports beside the noisy rows: it runs for real
/// (a few shots here), gives positive finite figures, and its shots estimate the same expectations the density-matrix
/// engine computes exactly. No timing is asserted.
/// </summary>
[Collection(QsannCollection.Name)]
public sealed class MicrosoftNoisyBenchmarkTests(QsannFixture fixture)
{
    [Fact]
    public void The_timed_noisy_runs_estimate_the_density_matrix_engines_exact_noisy_expectations()
    {
        const int n = 2, depth = 1, shots = 2000;
        var timing = MicrosoftNoisyBenchmark.Measure(fixture.Bridge, fixture.Project, n, depth, shots, 0.01, 0.01, 0.01);

        Assert.True(timing.SecondsPerShot > 0 && double.IsFinite(timing.SecondsPerShot), $"{timing.SecondsPerShot} s per shot");
        Assert.Equal(timing.SecondsPerShot * 10_000, timing.SecondsPerCircuitAtOnePercent, 12);
        Assert.Equal(shots, timing.Shots);
        Assert.Equal(n, timing.ZEstimates.Count);

        var family = fixture.Family(n, depth);
        var token = new BranchedCircuit(family.Circuit.Prefix, [family.Branch("value")]);
        Assert.Equal(token.InputCount, timing.Angles.Count);
        Assert.Equal(token.WeightCount, timing.Theta.Count);
        var exact = new double[token.ObservableCount];
        // runWithNoise draws after every gate and before each measurement: the microsoft@ placement.
        new DensityMatrixEngine(NoiseModel.Parse("microsoft@depolarizing:0.03")).Forward(token, 1, [.. timing.Angles], [.. timing.Theta], exact);
        var observables = token.Branches[0].Observables;
        for (var q = 0; q < n; q++)
        {
            var z = exact[observables.IndexOf(new PauliTerm(Pauli.Z, q))];
            var sigma = Math.Sqrt(Math.Max(1 - z * z, 1e-4) / shots);
            Assert.True(Math.Abs(timing.ZEstimates[q] - z) <= 5 * sigma, $"⟨Z{q}⟩: Microsoft {timing.ZEstimates[q]:F4}, exact {z:F4}, 5σ = {5 * sigma:F4}");
        }
    }

    [Theory]
    [InlineData("depolarizing:0.03", 0.01, 0.01, 0.01)]
    [InlineData("pauli:0.01:0:0.02", 0.01, 0, 0.02)]
    [InlineData("bit-flip:0.05", 0.05, 0, 0)]
    public void Pauli_noise_after_every_gate_has_a_microsoft_equivalent(string spec, double px, double py, double pz)
    {
        var (x, y, z) = MicrosoftNoisyBenchmark.PauliEquivalent(NoiseModel.Parse(spec))!.Value;
        Assert.Equal(px, x, 12);
        Assert.Equal(py, y, 12);
        Assert.Equal(pz, z, 12);
    }

    [Theory]
    [InlineData("amplitude-damping:0.01")]
    [InlineData("depolarizing:0.01+readout:0.01")]
    [InlineData("2q@depolarizing:0.01")]
    [InlineData("ionq-aria")]
    [InlineData("1q@depolarizing:0.01+pair-depolarizing:0.01")]
    public void Noise_qsharp_lang_cannot_express_has_none(string spec) =>
        Assert.Null(MicrosoftNoisyBenchmark.PauliEquivalent(NoiseModel.Parse(spec)));

    [Fact]
    public void Bench_engine_reports_microsoft_s_noisy_simulator_beside_the_noisy_row()
    {
        var run = CliRunner.Run("bench", "engine", "-n", "2", "3", "--seconds", "0.02", "--qsharp-circuits", "16", "--noisy-shots", "40", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var results = document.RootElement.GetProperty("results");
        // One peak for the run (the largest of its samples), every share of it computed from the same figure.
        var peak = results[0].GetProperty("fmaPeakGflops").GetDouble();
        Assert.True(peak > 0);
        foreach (var row in results.EnumerateArray())
        {
            Assert.Equal(peak, row.GetProperty("fmaPeakGflops").GetDouble());
            Assert.Equal(row.GetProperty("nativeGflops").GetDouble() / peak, row.GetProperty("nativePeakFraction").GetDouble(), 12);
            Assert.Equal(row.GetProperty("noisyGflops").GetDouble() / peak, row.GetProperty("noisyPeakFraction").GetDouble(), 12);
            // The noisy pass's full-state kernels, timed alone, and the share of one thread's peak they bound it to.
            var kernels = row.GetProperty("noisyKernels");
            Assert.Equal("product state", kernels.GetProperty("kernels")[0].GetProperty("kernel").GetString());
            Assert.True(kernels.GetProperty("bound").GetDouble() > 0);
        }
        var microsoft = results[0].GetProperty("microsoft");
        Assert.Equal(40, microsoft.GetProperty("shots").GetInt32());
        Assert.Equal(3, microsoft.GetProperty("bases").GetInt32()); // the value Paulis X, Y and Z
        Assert.True(microsoft.GetProperty("ratio").GetDouble() > 0);
        Assert.Equal(microsoft.GetProperty("secondsPerBasisAtOnePercent").GetDouble() * 3, microsoft.GetProperty("secondsPerCircuitAtOnePercent").GetDouble(), 9);
    }
}

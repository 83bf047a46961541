using QSan.Generative;
using QSan.Tests.Data;
using QSan.Tests.Training;
using QSan.Torch.Generative;

namespace QSan.Tests.Torch.Generative;

/// <summary>GAN runs: training, atomic checkpoints, resuming bit for bit, run folders, and bench gan continuing its runs.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class GanTrainingTests
{
    /// <summary>A GAN small enough for a test: 8×8 images, c = 4, 2 qubits.</summary>
    internal static GanOptions Tiny(string folder, GanAttention attention, int epochs = 2) =>
        new(folder, attention, Channels: 4, LatentSize: 8, Qubits: 2, Depth: 1, Epochs: epochs, BatchSize: 8, SampleEvery: 1);

    [Fact]
    public void Epochs_to_threshold_is_the_first_epoch_within_one_and_a_half_times_the_best()
    {
        Assert.Equal(3, GanRunResult.FirstEpochNearBest([40, 20, 14, 10, 12]));
        Assert.Equal(1, GanRunResult.FirstEpochNearBest([5]));
        Assert.Equal(0, GanRunResult.FirstEpochNearBest([]));
    }

    [Fact]
    public void The_late_Frechet_distance_is_the_mean_of_the_last_ten_epochs_or_of_all_when_fewer()
    {
        static GanRunResult With(double[] curve) => new("digits", "none", 1, 4, 0, 100, curve.Length, 1, curve.Length > 0 ? curve[^1] : 9, 1, 1, 1, 1, 0.9, 10, curve);

        Assert.Equal(Enumerable.Range(3, 10).Average(), With([.. Enumerable.Range(1, 12).Select(i => (double)i)]).LateFrechet, 1e-12);
        Assert.Equal(2.0, With([1, 2, 3]).LateFrechet, 1e-12);
        Assert.Equal(9.0, With([]).LateFrechet);
    }

    [Fact]
    public async Task A_resumed_run_ends_bit_for_bit_like_an_uninterrupted_one()
    {
        using var dir = new TemporaryDirectory();
        var data = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(data);
        ImageDataTests.WriteIdxFolder(data, train: 40, test: 30, rows: 8, columns: 8);
        var circuits = new TemplateCircuitSource();
        using var whole = await GanRunState.CreateAsync(Tiny(data, GanAttention.Quantum, 3), Path.Combine(dir.Path, "whole"), circuits);
        GanTrainingLoop.Train(whole);
        using (var first = await GanRunState.CreateAsync(Tiny(data, GanAttention.Quantum, 1), Path.Combine(dir.Path, "parts"), circuits))
            GanTrainingLoop.Train(first);
        using var resumed = await GanRunState.ResumeAsync(Path.Combine(dir.Path, "parts"), 3, circuits);
        Assert.Equal(1, resumed.Epoch);
        GanTrainingLoop.Train(resumed);
        foreach (var (a, b) in new[] { (whole.Generator.state_dict(), resumed.Generator.state_dict()), (whole.Discriminator.state_dict(), resumed.Discriminator.state_dict()) })
        {
            Assert.Equal(a.Keys, b.Keys);
            foreach (var key in a.Keys) Assert.True(a[key].allclose(b[key], 0, 0), key);
        }
        Assert.Contains("attention.circuits0", whole.Generator.state_dict().Keys);
        Assert.Contains("first.spectral_norm.u", whole.Discriminator.state_dict().Keys);
        Assert.Equal(whole.History.Select(h => (h.GeneratorLoss, h.DiscriminatorLoss, h.Frechet)), resumed.History.Select(h => (h.GeneratorLoss, h.DiscriminatorLoss, h.Frechet)));
        Assert.Equal(whole.Result, resumed.Result);
        foreach (var file in new[] { "checkpoint.qsan", "config.json", "metrics.json", "samples.png", "samples-epoch003.png", "frechet.svg", "result.json" })
            Assert.True(File.Exists(Path.Combine(dir.Path, "parts", file)), file);
    }

    [Fact]
    public async Task A_damaged_checkpoint_or_a_foreign_one_is_refused_with_its_path()
    {
        using var dir = new TemporaryDirectory();
        ImageDataTests.WriteIdxFolder(dir.Path, train: 16, test: 10, rows: 8, columns: 8);
        var run = Path.Combine(dir.Path, "run");
        using (await GanRunState.CreateAsync(Tiny(dir.Path, GanAttention.None), run, null)) { }
        var path = Path.Combine(run, "checkpoint.qsan");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);
        Assert.Contains("damaged", Assert.Throws<GanException>(() => GanCheckpoint.Read(run)).Message);
        File.WriteAllText(path, "QSANGAN1 an older GAN");
        Assert.Contains("older QSan", Assert.Throws<GanException>(() => GanCheckpoint.Read(run)).Message);
    }

    [Fact]
    public async Task Bench_gan_keeps_its_runs_and_continues_them_to_the_same_result_as_an_uninterrupted_benchmark()
    {
        using var dir = new TemporaryDirectory();
        ImageDataTests.WriteIdxFolder(dir.Path, train: 16, test: 20, rows: 8, columns: 8);
        var kept = Path.Combine(dir.Path, "kept");
        var lines = new List<string>();
        var circuits = new TemplateCircuitSource();
        GanAttention[] kinds = [GanAttention.None, GanAttention.Quantum];
        Task<GanBenchmarkResult> Bench(GanOptions template, string? runs) => GanBenchmark.RunAsync(template, [dir.Path], kinds, [1, 2], circuits, lines.Add, runs);

        await Bench(Tiny(dir.Path, GanAttention.None, epochs: 1), kept);
        Assert.Contains("  epoch 1/1: D loss", string.Join("\n", lines));
        var continued = await Bench(Tiny(dir.Path, GanAttention.None, epochs: 2), kept);
        var uninterrupted = await Bench(Tiny(dir.Path, GanAttention.None, epochs: 2), null);

        Assert.Equal(uninterrupted.Rows.Select(r => r.FrechetPerSeed), continued.Rows.Select(r => r.FrechetPerSeed));
        Assert.Equal(uninterrupted.Rows.Select(r => r.EpochsToThreshold), continued.Rows.Select(r => r.EpochsToThreshold));
        Assert.Equal(2, continued.Curves[dir.Path]["quantum"][1].Length);
        // The late mean of two epochs is the mean of both; the pair is quantum minus none, seed by seed.
        var none = continued.Rows.Single(r => r.Attention == "none");
        var quantum = continued.Rows.Single(r => r.Attention == "quantum");
        Assert.Equal(continued.Curves[dir.Path]["quantum"].Select(c => c.Average()), quantum.LateFrechetPerSeed);
        var pair = Assert.Single(continued.Pairs);
        Assert.Equal(("quantum", "none"), (pair.Attention, pair.Baseline));
        Assert.Equal(quantum.LateFrechetPerSeed.Zip(none.LateFrechetPerSeed, (q, n) => q - n), pair.DifferencePerSeed);
        Assert.Equal(pair.DifferencePerSeed.Average(), pair.Mean, 1e-12);
        Assert.Equal(4, Directory.GetDirectories(kept).Length);
        Assert.True(File.Exists(Path.Combine(kept, $"frechet-{Path.GetFileName(dir.Path)}.svg")));
        Assert.True(File.Exists(Path.Combine(kept, $"{Path.GetFileName(dir.Path)}-quantum-seed2", "result.json")));
        var other = await Assert.ThrowsAsync<GanException>(() => Bench(Tiny(dir.Path, GanAttention.None, epochs: 2) with { GeneratorLearningRate = 0.01 }, kept));
        Assert.Contains("holds a different run", other.Message);
        var shorter = await Assert.ThrowsAsync<GanException>(() => Bench(Tiny(dir.Path, GanAttention.None, epochs: 1), kept));
        Assert.Contains("already trained 2 epochs", shorter.Message);
    }
}

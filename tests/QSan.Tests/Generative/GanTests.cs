using QSan.Autograd;
using QSan.Data;
using QSan.Generative;
using QSan.Model;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Tests.Autograd;
using QSan.Tests.Cli;
using QSan.Tests.Data;
using QSan.Tests.Training;
using QSan.Visualization;

namespace QSan.Tests.Generative;

public sealed class GanTests
{
    private static GanOptions Tiny(string folder, GanAttention attention, int epochs = 2) =>
        new(folder, attention, Qubits: 2, Depth: 1, Epochs: epochs, BatchSize: 8, LatentSize: 8, GeneratorHidden: [16], DiscriminatorHidden: [16], SampleEvery: 1);

    [Fact]
    public void the_frechet_distance_of_a_set_with_itself_is_zero_and_a_shift_adds_its_squared_length()
    {
        var random = new Random(4);
        var a = new double[500 * 3];
        for (var i = 0; i < a.Length; i++) a[i] = random.NextDouble() * (1 + i % 3);
        Assert.Equal(0, FrechetDistance.Compute(a, a, 3), 9);
        var shifted = a.Select((v, i) => v + (i % 3 == 1 ? 2.0 : 0.0)).ToArray();
        Assert.Equal(4.0, FrechetDistance.Compute(a, shifted, 3), 9);
    }

    [Fact]
    public void the_frechet_distance_of_two_one_dimensional_gaussians_is_the_squared_difference_of_their_deviations()
    {
        var a = new double[] { -1, 1, -1, 1 };
        var b = a.Select(v => 3 * v).ToArray();
        // σ₁² = 4/3 and σ₂ = 3σ₁: (σ₁ − σ₂)² = 4σ₁² = 16/3.
        Assert.Equal(16.0 / 3.0, FrechetDistance.Compute(a, b, 1), 9);
    }

    [Fact]
    public void jacobi_eigenvalues_reconstruct_a_symmetric_matrix()
    {
        double[] m = [4, 1, 2, 1, 3, 0, 2, 0, 5];
        var (values, vectors) = FrechetDistance.Jacobi(m, 3);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 3; k++) sum += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k];
                Assert.Equal(m[i * 3 + j], sum, 9);
            }
    }

    [Fact]
    public void the_minibatch_standard_deviation_feature_matches_finite_differences_and_is_zero_for_identical_rows()
    {
        var h = GradCheck.Param(new Random(6), 4, 3);
        GradCheck.Check(t => GanOps.MinibatchStd(t[0]), [h]);
        var same = Tensor.FromArray([1.0, 2.0, 1.0, 2.0], [2, 2]);
        Assert.All(GanOps.MinibatchStd(same).Data, v => Assert.Equal(0, v, 3));
    }

    [Fact]
    public void a_sample_grid_is_a_png_with_the_grid_size_in_its_header()
    {
        var grid = new ImageGrid(3, 4, 2, Enumerable.Range(0, 5 * 8).Select(i => i / 40.0).ToArray());
        var png = ImageGridPng.Render(grid, 2);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal((3 * (8 + 1) + 1, 2 * (4 + 1) + 1), (width, height));
    }

    [Theory]
    [InlineData(GanAttention.Classical)]
    [InlineData(GanAttention.Quantum)]
    public void the_attention_gate_starts_at_zero_so_the_block_first_passes_its_input_through(GanAttention kind)
    {
        var options = new GanOptions("x", kind, Qubits: 2, Depth: 1);
        var quantum = new QuantumQkv(new NativeEngine(), new TemplateCircuitSource().Circuits(2, 1).Circuit);
        var block = new RowAttentionBlock(options, 4, 3, new Random(1), quantum);
        Assert.Equal(0.0, block.Gate!.Data[0]);
        var x = Tensor.Normal([2, 12], 0, 1, new Random(2));
        Assert.Equal(x.Data, block.Forward(x).Data);
    }

    [Fact]
    public void quantum_attention_runs_all_rows_of_all_images_of_a_minibatch_in_one_engine_call_and_its_gradients_check()
    {
        var engine = new CountingEngine(new NativeEngine());
        var quantum = new QuantumQkv(engine, new TemplateCircuitSource().Circuits(2, 1).Circuit);
        var block = new RowAttentionBlock(new GanOptions("x", GanAttention.Quantum, Qubits: 2, Depth: 1), 4, 3, new Random(1), quantum);
        block.Gate!.Data[0] = 0.7;
        var x = GradCheck.Param(new Random(3), 5, 12);
        block.Forward(x);
        Assert.Equal([15], engine.ForwardBatches);
        GradCheck.Check(t => block.Forward(t[0]), [x, .. block.Parameters()], tolerance: 1e-5);
    }

    [Fact]
    public async Task a_resumed_run_ends_bit_for_bit_like_an_uninterrupted_one()
    {
        using var dir = new TemporaryDirectory();
        var data = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(data);
        ImageDataTests.WriteIdxFolder(data, train: 40, test: 30);
        var circuits = new TemplateCircuitSource();
        var whole = await GanSession.CreateAsync(Tiny(data, GanAttention.Quantum, 3), Path.Combine(dir.Path, "whole"), circuits);
        whole.Train();
        var first = await GanSession.CreateAsync(Tiny(data, GanAttention.Quantum, 1), Path.Combine(dir.Path, "parts"), circuits);
        first.Train();
        var resumed = await GanSession.ResumeAsync(Path.Combine(dir.Path, "parts"), 3, circuits);
        Assert.Equal(1, resumed.Epoch);
        resumed.Train();
        Assert.Equal(whole.Generator.StateDict().Values.SelectMany(v => v), resumed.Generator.StateDict().Values.SelectMany(v => v));
        Assert.Equal(whole.Discriminator.StateDict().Values.SelectMany(v => v), resumed.Discriminator.StateDict().Values.SelectMany(v => v));
        Assert.Equal(whole.History.Select(h => h.GeneratorLoss), resumed.History.Select(h => h.GeneratorLoss));
        foreach (var file in new[] { "checkpoint.qsan", "config.json", "metrics.json", "samples.png", "samples-epoch003.png", "result.json" })
            Assert.True(File.Exists(Path.Combine(dir.Path, "parts", file)), file);
    }

    [Fact]
    public async Task the_three_kinds_differ_only_in_the_attention_block()
    {
        using var dir = new TemporaryDirectory();
        ImageDataTests.WriteIdxFolder(dir.Path, train: 10, test: 10);
        var counts = new Dictionary<GanAttention, (int Total, int Block)>();
        foreach (var kind in Enum.GetValues<GanAttention>())
        {
            var s = await GanSession.CreateAsync(Tiny(dir.Path, kind), Path.Combine(dir.Path, kind.ToString()), new TemplateCircuitSource());
            counts[kind] = (s.ParameterCount, s.AttentionParameterCount);
        }
        Assert.Equal(0, counts[GanAttention.None].Block);
        foreach (var kind in new[] { GanAttention.Classical, GanAttention.Quantum })
            Assert.Equal(counts[GanAttention.None].Total + counts[kind].Block, counts[kind].Total);
        // Quantum at d = n(D + 2) = 6: encoder 4·6 + 6, circuits 3·6, decoder 6·4, gate; classical at d_key = 6: 3·4·6 + 6·4, gate.
        Assert.Equal(4 * 6 + 6 + 18 + 24 + 1, counts[GanAttention.Quantum].Block);
        Assert.Equal(3 * 24 + 24 + 1, counts[GanAttention.Classical].Block);
    }

    [Fact]
    public async Task real_images_score_near_the_floor_and_cover_their_classes()
    {
        var data = await ImageDatasets.LoadAsync("digits", new ImageDataOptions(SharedDatasets.Directory));
        using var cache = new TemporaryDirectory();
        var classifier = DomainClassifier.For(data, cache.Path);
        Assert.True(classifier.TestAccuracy > 0.8, $"accuracy {classifier.TestAccuracy}");
        var (_, b) = GanEvaluation.Halves(data.Test);
        var real = GanEvaluation.Score(classifier, data.Test, b.Pixels);
        Assert.Equal(real.Floor, real.Frechet, 9);
        Assert.Equal(1.0, real.Coverage);
        var blank = GanEvaluation.Score(classifier, data.Test, new double[b.Pixels.Length]);
        Assert.True(blank.Frechet > 10 * real.Floor);
        Assert.True(blank.Coverage <= 0.1);
        Assert.Single(Directory.GetFiles(cache.Path));
    }

    [Fact]
    public async Task bench_gan_keeps_its_runs_and_continues_them_to_the_same_result_as_an_uninterrupted_benchmark()
    {
        using var dir = new TemporaryDirectory();
        ImageDataTests.WriteIdxFolder(dir.Path, train: 16, test: 20);
        var kept = Path.Combine(dir.Path, "kept");
        var lines = new List<string>();
        var circuits = new TemplateCircuitSource();
        GanAttention[] kinds = [GanAttention.None, GanAttention.Quantum];
        Task<QSan.Benchmarks.GanBenchmarkResult> Bench(GanOptions template, string? runs) =>
            QSan.Benchmarks.GanBenchmark.RunAsync(template, [dir.Path], kinds, [1, 2], circuits, lines.Add, runs);

        await Bench(Tiny(dir.Path, GanAttention.None, epochs: 1), kept);
        Assert.Contains("  epoch 1/1: D loss", string.Join("\n", lines));
        var continued = await Bench(Tiny(dir.Path, GanAttention.None, epochs: 2), kept);
        var uninterrupted = await Bench(Tiny(dir.Path, GanAttention.None, epochs: 2), null);

        Assert.Equal(uninterrupted.Rows.Select(r => r.FrechetMean), continued.Rows.Select(r => r.FrechetMean));
        Assert.Equal(4, Directory.GetDirectories(kept).Length);
        Assert.True(File.Exists(Path.Combine(kept, $"{Path.GetFileName(dir.Path)}-quantum-seed2", GanSession.ResultFileName)));
        var other = await Assert.ThrowsAsync<GanException>(() => Bench(Tiny(dir.Path, GanAttention.None, epochs: 2) with { LearningRate = 0.01 }, kept));
        Assert.Contains("holds a different run", other.Message);
        var shorter = await Assert.ThrowsAsync<GanException>(() => Bench(Tiny(dir.Path, GanAttention.None, epochs: 1), kept));
        Assert.Contains("already trained 2 epochs", shorter.Message);
    }

    [Fact]
    public void gan_train_and_gan_sample_write_a_run_folder_and_a_grid()
    {
        using var dir = new TemporaryDirectory();
        ImageDataTests.WriteIdxFolder(dir.Path, train: 16, test: 20);
        var run = Path.Combine(dir.Path, "run");
        var train = CliRunner.Run("gan", "train", "--data", dir.Path, "--attention", "classical", "--epochs", "1", "--batch-size", "8", "-o", run);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("Fréchet distance", train.Output);
        var sample = CliRunner.Run("gan", "sample", run, "--count", "9");
        Assert.True(sample.ExitCode == 0, sample.Error);
        Assert.True(File.Exists(Path.Combine(run, "sample-9.png")));
        CliRunner.AssertFails(CliRunner.Run("gan", "sample", Path.Combine(dir.Path, "nothing")), "holds no GAN checkpoint");
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--data", "cifar", "--epochs", "1"), "Unknown image dataset 'cifar'");
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--epochs", "1"), "Name the images");
    }

    private sealed class CountingEngine(IDifferentiableEngine inner) : IDifferentiableEngine
    {
        public List<int> ForwardBatches { get; } = [];

        public string Name => inner.Name;

        public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
        {
            ForwardBatches.Add(batch);
            inner.Forward(circuit, batch, inputs, weights, expectations);
        }

        public void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, ReadOnlySpan<double> cotangents,
            Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients) =>
            inner.Vjp(circuit, batch, inputs, weights, cotangents, expectations, inputGradients, weightGradients);
    }
}

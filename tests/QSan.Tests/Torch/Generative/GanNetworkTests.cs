using QSan.Generative;
using QSan.Model;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Tests.Training;
using QSan.Torch.Generative;
using static TorchSharp.torch;

namespace QSan.Tests.Torch.Generative;

/// <summary>The GAN's modules: spectral norm, the gated attention blocks, the networks and their parameter counts.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class GanNetworkTests
{
    private static QuantumQkv Circuits(IDifferentiableEngine? engine = null, int qubits = 2) =>
        new(engine ?? new NativeEngine(), new TemplateCircuitSource().Circuits(qubits, 1).Circuit);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spectral_norm_power_iteration_converges_to_the_largest_singular_value_of_the_svd(bool transposedConvolution)
    {
        QSan.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(11, CPU);
        // A transposed convolution's weight is [in, out, k, k]; PyTorch's spectral norm views it as [out, in·k·k].
        var layer = transposedConvolution ? (WeightLayer)new UpConvLayer(6, 5, 3, 2, 1, true, generator) : new ConvLayer(6, 5, 3, 1, 1, true, generator);
        var matrix = transposedConvolution ? layer.Weight.transpose(0, 1).reshape(5, -1) : layer.Weight.reshape(5, -1);
        var largest = linalg.svdvals(matrix.to(ScalarType.Float64)).max().item<double>();
        var input = randn([1, 6, 4, 4], generator: generator);
        var norm = layer.Normalisation!;
        var first = norm.Sigma(layer.Weight, transposedConvolution);
        Assert.True(Math.Abs(first - largest) > 1e-3 * largest, $"a random start is not already converged ({first} vs {largest})");

        // One power iteration per forward pass in training mode…
        layer.train();
        using (no_grad()) layer.forward(input);
        var second = norm.Sigma(layer.Weight, transposedConvolution);
        Assert.NotEqual(first, second);
        for (var i = 0; i < 200; i++)
            using (no_grad()) layer.forward(input);
        Assert.Equal(largest, norm.Sigma(layer.Weight, transposedConvolution), largest * 1e-4);
        // …so the normalised weight has spectral norm 1.
        var normalised = norm.Normalise(layer.Weight.detach(), transposedConvolution);
        var normalisedMatrix = transposedConvolution ? normalised.transpose(0, 1).reshape(5, -1) : normalised.reshape(5, -1);
        Assert.Equal(1.0, linalg.svdvals(normalisedMatrix.to(ScalarType.Float64)).max().item<double>(), 1e-4);

        // None in evaluation mode.
        layer.eval();
        var u = norm.get_buffer("u")!.clone();
        using (no_grad()) layer.forward(input);
        Assert.True(u.allclose(norm.get_buffer("u")!, 0, 0));
    }

    [Theory]
    [InlineData(GanAttention.Classical)]
    [InlineData(GanAttention.ClassicalMatched)]
    [InlineData(GanAttention.Quantum)]
    public void The_gate_starts_at_zero_so_a_block_first_passes_its_feature_map_through(GanAttention kind)
    {
        var block = Block(kind, channels: 8);
        Assert.Equal(0f, block.Gate.item<float>());
        var x = randn([2, 8, 3, 3]);
        Assert.True(block.forward(x).allclose(x, 0, 0));
    }

    [Fact]
    public void Quantum_attention_runs_all_positions_of_all_images_in_one_engine_call_per_head_and_its_gradients_check()
    {
        var engine = new CountingEngine(new NativeEngine());
        using var generator = new Generator(3, CPU);
        var block = new QuantumAttention(4, heads: 2, Circuits(engine), QuantumScores.Gaussian, spectralNorm: false, generator, initStd: 0.5);
        using (no_grad()) block.Gate.fill_(0.7);
        var x = randn([3, 4, 2, 3], generator: generator);
        var cotangent = randn([3, 4, 2, 3], generator: generator);
        var loss = (block.forward(x) * cotangent).sum();
        Assert.Equal([18, 18], engine.ForwardBatches);
        loss.backward();

        // The circuit weights are float64 leaves: central differences of the (float32) output agree with autograd.
        var weights = block.CircuitWeights(1);
        var gradient = weights.grad!.data<double>().ToArray();
        Assert.Contains(gradient, g => Math.Abs(g) > 1e-3);
        for (var i = 0; i < 6; i++)
        {
            double At(double delta)
            {
                using var _ = no_grad();
                var flat = weights.view(-1);
                flat[i] += delta;
                var value = (block.forward(x) * cotangent).sum().to(ScalarType.Float64).item<double>();
                flat[i] -= delta;
                return value;
            }
            const double h = 1e-3;
            Assert.Equal(gradient[i], (At(h) - At(-h)) / (2 * h), 2e-2 * Math.Max(1, Math.Abs(gradient[i])));
        }
    }

    [Fact]
    public void The_kinds_differ_only_in_the_attention_block_whose_counts_are_reported_and_matched()
    {
        TorchSharpRuntime();
        long Total(GanAttention kind, out long block)
        {
            var options = new GanOptions("x", kind, Channels: 32);
            var shape = GanShape.For(options, 28, 28);
            using var g = new Generator(1, CPU);
            using var generator = new ConvGenerator(options, shape, g, kind == GanAttention.Quantum ? Circuits(qubits: 4) : null);
            block = generator.Block?.ParameterCount ?? 0;
            Assert.Equal(shape.AttentionParameters(options), block);
            return generator.parameters().Sum(p => p.numel());
        }

        var none = Total(GanAttention.None, out var zero);
        Assert.Equal(0, zero);
        var blocks = new Dictionary<GanAttention, long>();
        foreach (var kind in new[] { GanAttention.Classical, GanAttention.ClassicalMatched, GanAttention.Quantum })
        {
            var total = Total(kind, out var block);
            Assert.Equal(none, total - block);
            blocks[kind] = block;
        }
        // c = 32: the block sits on the 7×7 map of 2c = 64 channels. d = n(D + 2) = 12 for n = 4, D = 1:
        // quantum = encoder 65·12 + circuits 3·12 + W_O (12 + 1)·64 + γ.
        Assert.Equal(65 * 12 + 36 + 13 * 64 + 1, blocks[GanAttention.Quantum]);
        // SAGAN's widths d_key = 64/8 = 8, d_value = 64/2 = 32: query and key 65·8 each, value 65·32, W_O (32 + 1)·64, γ.
        Assert.Equal(2 * 65 * 8 + 65 * 32 + 33 * 64 + 1, blocks[GanAttention.Classical]);
        // Matched: d_key = 1 and the value width nearest the quantum count (11 here: 1,614 against 1,649; 12 gives 1,743).
        var matched = GanShape.For(new GanOptions("x", GanAttention.ClassicalMatched, Channels: 32), 28, 28);
        Assert.Equal((7, 64, 1, 11), (matched.AttentionSide, matched.AttentionChannels, matched.KeyWidth, matched.ValueWidth));
        Assert.Equal(ClassicalAttention.CountParameters(64, 1, 1, 11), blocks[GanAttention.ClassicalMatched]);
        Assert.True(Math.Abs(blocks[GanAttention.ClassicalMatched] - blocks[GanAttention.Quantum]) < Math.Abs(ClassicalAttention.CountParameters(64, 1, 1, 12) - blocks[GanAttention.Quantum]));
        // The 8×8 digits: H/4 = 2 is too small a map, so the block sits on the 4×4 map of c channels.
        Assert.Equal((4, 16), GanShape.For(new GanOptions("x", GanAttention.Quantum), 8, 8) is var digits ? (digits.AttentionSide, digits.AttentionChannels) : default);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Generator_spectral_norm_reaches_every_layer_and_the_attention_convolutions_only_when_asked(bool spectralNorm)
    {
        TorchSharpRuntime();
        var options = new GanOptions("x", GanAttention.Quantum, Channels: 4, Qubits: 2, GeneratorSpectralNorm: spectralNorm);
        var shape = GanShape.For(options, 8, 8);
        using var g = new Generator(2, CPU);
        using var generator = new ConvGenerator(options, shape, g, Circuits());
        var normalised = generator.state_dict().Keys.Where(k => k.EndsWith(".spectral_norm.u", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(spectralNorm ? ["attention.encoder.spectral_norm.u", "attention.output.spectral_norm.u", "project.spectral_norm.u", "to_image.spectral_norm.u", "up.spectral_norm.u"] : [], normalised);
        using var discriminator = new ConvDiscriminator(shape, g);
        Assert.Equal(3, discriminator.state_dict().Keys.Count(k => k.EndsWith(".spectral_norm.u", StringComparison.Ordinal)));
        // Either way the generator draws images in [0, 1] of the data's size.
        using var _ = no_grad();
        var images = generator.forward(randn([3, options.LatentSize], generator: g));
        Assert.Equal([3L, 1, 8, 8], images.shape);
        Assert.True(images.min().item<float>() >= 0 && images.max().item<float>() <= 1);
    }

    [Fact]
    public void The_quantum_block_can_weigh_positions_by_a_softmax_of_its_scores_instead_of_the_gaussian()
    {
        using var generator = new Generator(4, CPU);
        var gaussian = new QuantumAttention(4, 1, Circuits(), QuantumScores.Gaussian, false, generator, initStd: 0.5);
        using var generatorAgain = new Generator(4, CPU);
        var softmax = new QuantumAttention(4, 1, Circuits(), QuantumScores.Softmax, false, generatorAgain, initStd: 0.5);
        using (no_grad())
        {
            gaussian.Gate.fill_(1);
            softmax.Gate.fill_(1);
        }
        var x = randn([2, 4, 2, 2], generator: generator);
        using var _ = no_grad();
        Assert.False(gaussian.forward(x).allclose(softmax.forward(x), 1e-6, 1e-6));
    }

    [Fact]
    public void Images_whose_sides_are_not_multiples_of_four_are_refused_with_their_size()
    {
        var e = Assert.Throws<GanException>(() => GanShape.For(new GanOptions("x"), 28, 30));
        Assert.Contains("28 × 30", e.Message);
    }

    private static GatedAttention Block(GanAttention kind, int channels)
    {
        TorchSharpRuntime();
        using var generator = new Generator(5, CPU);
        var options = new GanOptions("x", kind, Channels: channels, Qubits: 2);
        var shape = GanShape.For(options, 8, 8);
        return kind == GanAttention.Quantum
            ? new QuantumAttention(channels, 1, Circuits(), QuantumScores.Gaussian, true, generator)
            : new ClassicalAttention(channels, 1, shape.KeyWidth, shape.ValueWidth, true, generator);
    }

    private static void TorchSharpRuntime() => QSan.Torch.TorchRuntime.EnsureLoaded();

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

using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace QSan.Tests.Torch;

/// <summary><see cref="QuantumSelfAttention"/> as a researcher uses it: a module among TorchSharp's own.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class QuantumSelfAttentionTests
{
    private static QuantumSelfAttention Attention(int heads = 1, int layers = 1) =>
        new(new NativeEngine(), QsannCircuits.AttentionCircuit(2, 1), heads, layers, initStd: 0.7, generator: new Generator(3));

    [Fact]
    public void It_trains_inside_nn_Sequential_with_TorchSharps_own_optimizer_and_loss()
    {
        // Sentences of three tokens; the label says whether token 1 occurs.
        var random = new Random(1);
        var ids = new long[32 * 3];
        var labels = new double[32];
        for (var s = 0; s < 32; s++)
        {
            for (var t = 0; t < 3; t++) ids[3 * s + t] = random.Next(5);
            labels[s] = ids.Skip(3 * s).Take(3).Contains(1) ? 1 : 0;
        }
        var model = nn.Sequential(
            ("embedding", nn.Embedding(5, 6, dtype: ScalarType.Float64)),
            ("attention", Attention()),
            ("pooling", new MeanPooling()),
            ("head", nn.Linear(6, 1, dtype: ScalarType.Float64)));
        var optimizer = optim.Adam(model.parameters(), 0.05);
        var x = tensor(ids, [32, 3], ScalarType.Int64);
        var y = tensor(labels, [32, 1], ScalarType.Float64);
        double Loss() => nn.functional.binary_cross_entropy_with_logits(model.forward(x), y).item<double>();

        var before = Loss();
        for (var step = 0; step < 60; step++)
        {
            optimizer.zero_grad();
            nn.functional.binary_cross_entropy_with_logits(model.forward(x), y).backward();
            optimizer.step();
        }
        Assert.True(Loss() < 0.6 * before, $"loss {before} → {Loss()}");
        Assert.Contains(model.named_parameters(), p => p.name == "attention.layer0.head0");
    }

    [Fact]
    public void Padding_neither_attends_nor_is_attended_to_and_passes_through()
    {
        var attention = Attention(heads: 2, layers: 2);
        var random = new Random(2);
        var values = Enumerable.Range(0, 2 * 4 * 6).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var x = tensor(values, [2, 4, 6], ScalarType.Float64);
        var mask = tensor(new[] { true, true, true, false, true, true, false, false }, [2, 4]);
        var y = attention.forward(x, mask);

        // Each sentence alone, without padding, gives the same rows.
        var first = attention.forward(x.narrow(0, 0, 1).narrow(1, 0, 3));
        var second = attention.forward(x.narrow(0, 1, 1).narrow(1, 0, 2));
        AssertClose(first, y.narrow(0, 0, 1).narrow(1, 0, 3));
        AssertClose(second, y.narrow(0, 1, 1).narrow(1, 0, 2));
        AssertClose(x.narrow(0, 1, 1).narrow(1, 2, 2), y.narrow(0, 1, 1).narrow(1, 2, 2));
    }

    [Fact]
    public void Its_gradients_with_respect_to_tokens_and_weights_are_those_of_finite_differences()
    {
        var attention = Attention(heads: 2);
        var random = new Random(4);
        var x = tensor(Enumerable.Range(0, 3 * 6).Select(_ => random.NextDouble() * 2 - 1).ToArray(), [1, 3, 6], ScalarType.Float64).requires_grad_();
        var probe = tensor(Enumerable.Range(0, 3 * 6).Select(_ => random.NextDouble() * 2 - 1).ToArray(), [1, 3, 6], ScalarType.Float64);
        (attention.forward(x) * probe).sum().backward();
        var analytic = x.grad!.data<double>().ToArray();
        var weights = attention.Layers[0].Weights(1);
        var weightGradient = weights.grad!.data<double>().ToArray();

        double F() { using var _ = no_grad(); return (attention.forward(x) * probe).sum().item<double>(); }
        Assert.Equal(Differences(x, F), analytic, new Tolerance(1e-7));
        Assert.Equal(Differences(weights, F), weightGradient, new Tolerance(1e-7));
    }

    [Fact]
    public void Float32_models_get_float32_back_and_wrong_widths_are_named()
    {
        var attention = Attention();
        var x = rand([2, 3, 6], ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, attention.forward(x).dtype);
        var error = Assert.Throws<ArgumentException>(() => attention.forward(rand([2, 3, 5], ScalarType.Float64)));
        Assert.Contains("[batch, tokens, 6]", error.Message);
    }

    private static double[] Differences(Tensor at, Func<double> f)
    {
        const double h = 1e-5;
        var gradient = new double[at.numel()];
        var flat = at.detach().view(-1);
        for (var i = 0; i < gradient.Length; i++)
        {
            var original = flat[i].item<double>();
            flat[i] = original + h;
            var plus = f();
            flat[i] = original - h;
            var minus = f();
            flat[i] = original;
            gradient[i] = (plus - minus) / (2 * h);
        }
        return gradient;
    }

    private static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.Equal(expected.contiguous().data<double>().ToArray(), actual.contiguous().data<double>().ToArray(), new Tolerance(1e-12));

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}

[Collection(LibTorchCollection.Name)]
public sealed class PaddedSentencesTests
{
    [Fact]
    public void Ragged_sentences_become_rows_with_padding_masked()
    {
        var (ids, mask) = QSan.Torch.PaddedSentences.Pad([4, 5, 6, 7, 8, 9], [0, 3, 4, 6]);
        Assert.Equal(new long[] { 3, 3 }, ids.shape);
        Assert.Equal(new long[] { 4, 5, 6, 7, 0, 0, 8, 9, 0 }, ids.data<long>().ToArray());
        Assert.Equal(new[] { true, true, true, true, false, false, true, true, false }, mask.data<bool>().ToArray());
        Assert.Throws<ArgumentException>(() => QSan.Torch.PaddedSentences.Pad([1, 2], [0, 3]));
    }
}

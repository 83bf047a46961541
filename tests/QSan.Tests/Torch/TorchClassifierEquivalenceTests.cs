using QSan.Autograd;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using QSan.Tests.Model;
using QSan.Torch.Model;
using QSan.Training;
using static TorchSharp.torch;

namespace QSan.Tests.Torch;

/// <summary>The TorchSharp classifiers are QSan's model: with the same weights, the same logits, losses and gradients.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class TorchClassifierEquivalenceTests
{
    // Three sentences of different lengths (padding in the TorchSharp batch); words 1, 2 and 5 repeat.
    private static readonly int[] Ids = [1, 2, 1, 3, 4, 2, 5, 5, 6, 0, 3];
    private static readonly int[] Offsets = [0, 4, 5, 11];
    private static readonly double[] Labels = [1, 0, 1];

    public static TheoryData<string> Models() => new(Cases.Keys);

    private static readonly Dictionary<string, Func<SentenceClassifier>> Cases = new()
    {
        ["qsann canonical n=2 D=1"] = () => ModelFixtures.Qsann(),
        ["qsann n=3 D=2"] = () => ModelFixtures.Qsann(qubits: 3, depth: 2, seed: 8),
        ["qsann positions"] = () => ModelFixtures.Qsann(positions: 3),
        ["qsann 2 layers 2 heads"] = () => ModelFixtures.Qsann(layers: 2, heads: 2),
        ["qsann 2 heads positions"] = () => ModelFixtures.Qsann(heads: 2, positions: 2, seed: 9),
        ["qsann depolarizing"] = () => Noisy("depolarizing:0.05", heads: 1),
        ["qsann ionq-aria 2 heads"] = () => Noisy("ionq-aria", heads: 2),
        ["csann gaussian"] = () => ModelFixtures.Csann(),
        ["csann softmax 2 layers 2 heads"] = () => new CsannModel(new ModelConfig(ModelKind.Csann, Layers: 2, Heads: 2, ClassicalDimension: 3, InitStd: 0.5,
            EmbeddingInitStd: 0.5, Attention: AttentionKind.Softmax), 7, new Random(4)),
        ["csann positions"] = () => ModelFixtures.Csann(positions: 2),
    };

    private static QsannModel Noisy(string noise, int heads) =>
        new(new ModelConfig(ModelKind.Qsann, 2, 1, 1, heads, InitStd: 0.7, EmbeddingInitStd: 0.7), 7,
            new QuantumQkv(new DensityMatrixEngine(NoiseModel.Parse(noise)), QsannCircuits.AttentionCircuit(2, 1)), new Random(6));

    [Theory]
    [MemberData(nameof(Models))]
    public void Logits_losses_and_every_gradient_equal_QSans_own_model(string name)
    {
        var own = Cases[name]();
        var twin = TorchClassifiers.From(own);
        foreach (var loss in new[] { LossKind.Mse, LossKind.Bce })
        {
            const double lambda = 0.3;
            own.ZeroGrad();
            var ownLogits = own.Forward(Ids, Offsets);
            var target = new QSan.Autograd.Tensor(Labels, [Labels.Length]);
            var ownData = loss == LossKind.Bce ? Functional.BinaryCrossEntropyWithLogits(ownLogits, target) : Functional.MseLoss(ownLogits.Sigmoid(), target);
            var ownTotal = ownData + lambda * Functional.L2Penalty(own.Head.Weight);
            ownTotal.Backward();

            twin.zero_grad();
            var logits = twin.forward(Ids, Offsets);
            var total = TorchClassifiers.Objective(twin, logits, Labels, loss, lambda);
            total.backward();

            AssertClose(ownLogits.Data, logits.data<double>().ToArray(), $"{name} logits");
            Assert.Equal(ownTotal.Item(), total.item<double>(), 1e-10);
            var gradients = twin.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.data<double>().ToArray());
            var ownGradients = own.NamedParameters().ToList();
            Assert.Equal(ownGradients.Count, gradients.Count);
            foreach (var (parameter, value) in ownGradients)
            {
                var torchName = gradients.Keys.Single(k => k == parameter || k.EndsWith("." + parameter, StringComparison.Ordinal) && k.StartsWith("attention.", StringComparison.Ordinal));
                AssertClose(value.Grad!, gradients[torchName], $"{name} {loss} ∂/∂{parameter}");
            }
        }
    }

    [Fact]
    public void State_dicts_carry_QSans_names_both_ways()
    {
        var own = ModelFixtures.Qsann(layers: 2, heads: 2, positions: 2);
        var twin = TorchClassifiers.From(own);
        var state = twin.StateDict();
        Assert.Equal(own.StateDict().Keys.Order(), state.Keys.Order());
        foreach (var (name, values) in own.StateDict()) Assert.Equal(values, state[name]);
        var other = ModelFixtures.Qsann(layers: 2, heads: 2, positions: 2, seed: 11);
        other.LoadStateDict(state);
        Assert.Equal(own.Probabilities(Ids, Offsets), other.Probabilities(Ids, Offsets));
    }

    [Fact]
    public void A_state_of_another_architecture_is_refused_with_the_parameter_named()
    {
        var twin = TorchClassifiers.From(ModelFixtures.Qsann());
        var state = ModelFixtures.Qsann(heads: 2).StateDict();
        var error = Assert.Throws<ArgumentException>(() => twin.LoadStateDict(state));
        Assert.Contains("layer0.head1", error.Message);
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {expected.Length} values against {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-10, $"{what}[{i}]: QSan {expected[i]:R}, TorchSharp {actual[i]:R}");
    }
}

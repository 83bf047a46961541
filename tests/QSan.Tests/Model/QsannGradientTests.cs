using QSan.Autograd;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Tests.Autograd;
using static QSan.Tests.Model.ModelFixtures;

namespace QSan.Tests.Model;

public sealed class QsannGradientTests
{
    private static Tensor Loss(SentenceClassifier model, double lambda)
    {
        var p = model.Forward(Ids, Offsets).Sigmoid();
        return Functional.MseLoss(p, Tensor.FromArray(Labels)) + lambda * Functional.L2Penalty(model.Head.Weight);
    }

    [Fact]
    public void The_whole_QSANN_model_has_the_gradients_of_finite_differences_through_the_quantum_layer()
    {
        var model = ModelFixtures.Qsann(qubits: 2, depth: 1, layers: 2, heads: 2);
        GradCheck.Check(_ => Loss(model, 0.3), model.Parameters().ToArray(), tolerance: 1e-6);
    }

    [Fact]
    public void The_paper_sized_QSANN_with_one_layer_and_head_has_the_gradients_of_finite_differences()
    {
        var model = ModelFixtures.Qsann(qubits: 3, depth: 2);
        GradCheck.Check(_ => Loss(model, 0.1), model.Parameters().ToArray(), tolerance: 1e-6);
    }

    [Fact]
    public void The_whole_CSANN_model_has_the_gradients_of_finite_differences()
    {
        var model = ModelFixtures.Csann(dimension: 3, layers: 2, heads: 2);
        GradCheck.Check(_ => Loss(model, 0.3), model.Parameters().ToArray(), tolerance: 1e-6);
    }

    [Fact]
    public void The_quantum_layer_node_has_the_gradients_of_finite_differences_for_angles_and_weights()
    {
        var quantum = ModelFixtures.Quantum(2, 1);
        var random = new Random(3);
        var angles = GradCheck.Param(random, -2.0, 2.0, 5, 6);
        var weights = GradCheck.Param(random, -2.0, 2.0, 3, 6);
        GradCheck.Check(x => quantum.Apply(x[0], x[1]), [angles, weights]);
    }

    [Fact]
    public void The_quantum_layer_returns_the_engines_query_key_and_value_expectations_per_token()
    {
        var quantum = ModelFixtures.Quantum(2, 1);
        var random = new Random(4);
        var angles = Tensor.Uniform([4, 6], -2, 2, random);
        var weights = Tensor.Uniform([3, 6], -2, 2, random);
        var expected = new double[4 * 8];
        new NativeEngine().Forward(QsannCircuits.AttentionCircuit(2, 1), 4, angles.Data, weights.Data, expected);
        var output = quantum.Apply(angles, weights);
        Assert.Equal([4, 8], output.Shape);
        Assert.Equal(expected, output.Data);
        Assert.All(output.Data, v => Assert.InRange(v, -1.0, 1.0));
    }

    [Fact]
    public void A_sentences_probability_does_not_depend_on_the_other_sentences_of_its_batch()
    {
        var model = ModelFixtures.Qsann(layers: 2, heads: 2);
        var together = model.Probabilities(Ids, Offsets);
        for (var s = 0; s < Labels.Length; s++)
        {
            var alone = model.Probabilities(Ids[Offsets[s]..Offsets[s + 1]], [0, Offsets[s + 1] - Offsets[s]]);
            Assert.Equal(together[s], alone[0], 12);
        }
    }

    [Fact]
    public void Parameter_shifts_reproduce_the_native_engines_adjoint_gradients()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var native = new NativeEngine();
        var shifted = new ParameterShiftGradient(native);
        var random = new Random(6);
        var batch = 3;
        double[] Random(int n)
        {
            var values = new double[n];
            for (var i = 0; i < n; i++) values[i] = random.NextDouble() * 4 - 2;
            return values;
        }
        var inputs = Random(batch * circuit.InputCount);
        var weights = Random(circuit.WeightCount);
        var cotangents = Random(batch * circuit.ObservableCount);
        var (e1, gi1, gw1) = (new double[batch * circuit.ObservableCount], new double[inputs.Length], new double[weights.Length]);
        var (e2, gi2, gw2) = (new double[batch * circuit.ObservableCount], new double[inputs.Length], new double[weights.Length]);
        native.Vjp(circuit, batch, inputs, weights, cotangents, e1, gi1, gw1);
        shifted.Vjp(circuit, batch, inputs, weights, cotangents, e2, gi2, gw2);
        Assert.Equal(e1, e2);
        for (var i = 0; i < gi1.Length; i++) Assert.Equal(gi1[i], gi2[i], 10);
        for (var i = 0; i < gw1.Length; i++) Assert.Equal(gw1[i], gw2[i], 10);
        Assert.Contains(gw1, g => Math.Abs(g) > 1e-3);
    }
}

using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;
using QSan.Tests.Quantum.Qsann;
using QSan.Torch;
using static TorchSharp.torch;

namespace QSan.Tests.Torch;

/// <summary>The circuits as one TorchSharp autograd function, on every kind of engine.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class QuantumCircuitsTests(QsannFixture fixture)
{
    private static readonly BranchedCircuit Circuit = QsannCircuits.AttentionCircuit(2, 1);

    [Fact]
    public void The_native_engine_gives_the_expectations_and_gradients_of_finite_differences()
    {
        var (inputs, weights) = Arguments(Circuit, batch: 3, seed: 1);
        var expected = new double[3 * Circuit.ObservableCount];
        new NativeEngine().Forward(Circuit, 3, Values(inputs), Values(weights), expected);
        Assert.Equal(expected, QuantumCircuits.Apply(new NativeEngine(), Circuit, inputs, weights).data<double>().ToArray());
        CheckGradients(new NativeEngine(), Circuit, inputs, weights);
    }

    [Theory]
    [InlineData("depolarizing:0.05")]
    [InlineData("amplitude-damping:0.1+readout:0.02")]
    [InlineData("ionq-aria")]
    public void The_density_matrix_engine_under_noise_gives_the_gradients_of_finite_differences(string noise)
    {
        var (inputs, weights) = Arguments(Circuit, batch: 2, seed: 2);
        CheckGradients(new DensityMatrixEngine(NoiseModel.Parse(noise)), Circuit, inputs, weights);
    }

    [Fact]
    public void Shots_are_differentiated_by_parameter_shift_exactly_as_the_engine_does_it()
    {
        var (inputs, weights) = Arguments(Circuit, batch: 2, seed: 3);
        static ShotEngine Shots() => new(new LocalShotBackend(7), new ShotEngineOptions(200));
        var x = inputs.detach().requires_grad_();
        var w = weights.detach().requires_grad_();
        var output = QuantumCircuits.Apply(Shots(), Circuit, x, w);
        var cotangents = Cotangents(output.shape, seed: 4);
        (output * cotangents).sum().backward();

        // The same engine, seeded alike, driven directly: forward, then the vector–Jacobian product.
        var direct = new ParameterShiftGradient(Shots());
        var expectations = new double[output.numel()];
        direct.Forward(Circuit, 2, Values(inputs), Values(weights), expectations);
        var inputGradients = new double[inputs.numel()];
        var weightGradients = new double[weights.numel()];
        direct.Vjp(Circuit, 2, Values(inputs), Values(weights), Values(cotangents), new double[expectations.Length], inputGradients, weightGradients);

        Assert.Equal(expectations, output.data<double>().ToArray());
        Assert.Equal(inputGradients, x.grad!.data<double>().ToArray());
        Assert.Equal(weightGradients, w.grad!.data<double>().ToArray());
        Assert.Contains(expectations, e => Math.Abs(e) is > 0 and < 1 && Math.Abs(e * 200 - Math.Round(e * 200)) < 1e-9);
    }

    [Fact]
    public void Microsofts_simulator_gives_the_native_engines_expectations_and_gradients()
    {
        var family = fixture.Family(2, 1);
        var simulator = new QSharpSimulatorEngine(fixture.Bridge, fixture.Project, 1);
        var (inputs, weights) = Arguments(family.Circuit, batch: 2, seed: 5);
        var (native, nativeInputs, nativeWeights) = ForwardBackward(new NativeEngine(), family.Circuit, inputs, weights, seed: 6);
        var (onSimulator, simulatorInputs, simulatorWeights) = ForwardBackward(simulator, family.Circuit, inputs, weights, seed: 6);
        AssertClose(native, onSimulator, 1e-9, "expectations");
        AssertClose(nativeInputs, simulatorInputs, 1e-8, "input gradients");
        AssertClose(nativeWeights, simulatorWeights, 1e-8, "weight gradients");
    }

    [Fact]
    public void Float32_and_misshaped_arguments_are_refused_with_what_was_given()
    {
        var (inputs, weights) = Arguments(Circuit, batch: 2, seed: 8);
        var single = Assert.Throws<ArgumentException>(() => QuantumCircuits.Apply(new NativeEngine(), Circuit, inputs.to(ScalarType.Float32), weights));
        Assert.Contains("float64", single.Message);
        var shape = Assert.Throws<ArgumentException>(() => QuantumCircuits.Apply(new NativeEngine(), Circuit, inputs.narrow(1, 0, 3), weights));
        Assert.Contains($"[batch, {Circuit.InputCount}]", shape.Message);
        var count = Assert.Throws<ArgumentException>(() => QuantumCircuits.Apply(new NativeEngine(), Circuit, inputs, weights.narrow(0, 0, 5)));
        Assert.Contains($"{Circuit.WeightCount} weights", count.Message);
    }

    /// <summary>Central differences of a random linear functional of the outputs against the autograd gradients.</summary>
    private static void CheckGradients(IQuantumEngine engine, BranchedCircuit circuit, Tensor inputs, Tensor weights)
    {
        var (_, inputGradients, weightGradients) = ForwardBackward(engine, circuit, inputs, weights, seed: 9);
        var cotangents = Cotangents([inputs.shape[0], circuit.ObservableCount], seed: 9);
        double Functional(Tensor x, Tensor w) => (QuantumCircuits.Apply(engine, circuit, x, w) * cotangents).sum().item<double>();
        AssertClose(FiniteDifferences(x => Functional(x, weights), inputs), inputGradients, 1e-7, "input gradients");
        AssertClose(FiniteDifferences(w => Functional(inputs, w), weights), weightGradients, 1e-7, "weight gradients");
    }

    private static (double[] Output, double[] InputGradients, double[] WeightGradients) ForwardBackward(IQuantumEngine engine, BranchedCircuit circuit,
        Tensor inputs, Tensor weights, int seed)
    {
        var x = inputs.detach().clone().requires_grad_();
        var w = weights.detach().clone().requires_grad_();
        var output = QuantumCircuits.Apply(engine, circuit, x, w);
        (output * Cotangents(output.shape, seed)).sum().backward();
        return (output.data<double>().ToArray(), x.grad!.data<double>().ToArray(), w.grad!.data<double>().ToArray());
    }

    private static double[] FiniteDifferences(Func<Tensor, double> f, Tensor at)
    {
        const double h = 1e-5;
        var values = at.data<double>().ToArray();
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (f(tensor(plus, at.shape, ScalarType.Float64)) - f(tensor(minus, at.shape, ScalarType.Float64))) / (2 * h);
        }
        return gradient;
    }

    private static (Tensor Inputs, Tensor Weights) Arguments(BranchedCircuit circuit, int batch, int seed)
    {
        var random = new Random(seed);
        double[] Draw(int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4 - 2)];
        return (tensor(Draw(batch * circuit.InputCount), [batch, circuit.InputCount], ScalarType.Float64),
            tensor(Draw(circuit.WeightCount), [circuit.WeightCount], ScalarType.Float64));
    }

    private static Tensor Cotangents(long[] shape, int seed)
    {
        var random = new Random(seed);
        return tensor(Enumerable.Range(0, (int)(shape[0] * shape[1])).Select(_ => random.NextDouble() * 2 - 1).ToArray(), shape, ScalarType.Float64);
    }

    private static double[] Values(Tensor t) => t.data<double>().ToArray();

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: {expected[i]:R} against {actual[i]:R}");
    }
}

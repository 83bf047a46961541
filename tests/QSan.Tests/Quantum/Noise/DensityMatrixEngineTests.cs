using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Tests.Quantum.Engine;
using Xunit;

namespace QSan.Tests.Quantum.Noise;

public sealed class DensityMatrixEngineTests
{
    public static TheoryData<int, int> SizesAndBatches()
    {
        var data = new TheoryData<int, int>();
        for (var n = 1; n <= 6; n++)
            foreach (var batch in new[] { 1, 7 })
                data.Add(n, batch);
        return data;
    }

    public static TheoryData<string> Models() =>
    [
        "depolarizing:0.05", "amplitude-damping:0.1", "phase-damping:0.2", "bit-flip:0.03+phase-flip:0.04",
        "1q@pauli:0.01:0.02:0.03+2q@amplitude-damping:0.08+measure@depolarizing:0.1+readout:0.04",
        "microsoft@pauli:0.02:0.01:0.05", "ionq-aria", "ionq-forte", "quantinuum-h2", "amplitude-damping:0.05+depolarizing:0.02",
    ];

    [Theory]
    [MemberData(nameof(SizesAndBatches))]
    public void Without_noise_it_equals_the_state_vector_engine(int qubits, int batch)
    {
        var rng = new Random(17 * qubits + batch);
        var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 4 + 2 * qubits, branchGates: 3 + 2 * qubits);
        var inputs = RandomCircuits.Values(rng, batch * circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        var expected = new double[batch * circuit.ObservableCount];
        var actual = new double[expected.Length];
        new NativeEngine().Forward(circuit, batch, inputs, weights, expected);
        new DensityMatrixEngine(NoiseModel.None).Forward(circuit, batch, inputs, weights, actual);
        NativeEngineForwardTests.AssertClose(expected, actual, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Noisy_expectations_equal_an_independent_Kraus_sum_on_dense_matrices(string spec)
    {
        var noise = NoiseModel.Parse(spec);
        var rng = new Random(spec.Length);
        for (var qubits = 1; qubits <= 3; qubits++)
        {
            var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 3 + 2 * qubits, branchGates: 2 + 2 * qubits);
            var inputs = RandomCircuits.Values(rng, circuit.InputCount);
            var weights = RandomCircuits.Values(rng, circuit.WeightCount);
            var actual = new double[circuit.ObservableCount];
            new DensityMatrixEngine(noise).Forward(circuit, 1, inputs, weights, actual);
            NativeEngineForwardTests.AssertClose(DenseReference.Expectations(circuit, noise, inputs, weights), actual, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradients_under_noise_match_finite_differences_and_parameter_shift(string spec)
    {
        var rng = new Random(3 * spec.Length);
        for (var qubits = 1; qubits <= 4; qubits++)
        {
            var engine = new DensityMatrixEngine(NoiseModel.Parse(spec));
            var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 4 + 2 * qubits, branchGates: 3 + 2 * qubits);
            var check = GradientCheck.Random(circuit, 3, rng);
            var adjoint = check.Vjp(engine);
            var differences = check.FiniteDifferences(engine);
            NativeEngineForwardTests.AssertClose(differences.Inputs, adjoint.Inputs, 1e-6);
            NativeEngineForwardTests.AssertClose(differences.Weights, adjoint.Weights, 1e-6);
            var shift = check.Vjp(new ParameterShiftGradient(engine));
            NativeEngineForwardTests.AssertClose(shift.Inputs, adjoint.Inputs, 1e-10);
            NativeEngineForwardTests.AssertClose(shift.Weights, adjoint.Weights, 1e-10);
            NativeEngineForwardTests.AssertClose(shift.Expectations, adjoint.Expectations, 1e-12);
        }
    }

    [Fact]
    public void The_QSANN_attention_circuit_loses_contrast_as_depolarizing_noise_grows()
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var rng = new Random(5);
        var inputs = RandomCircuits.Values(rng, circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        double Magnitude(double p)
        {
            var e = new double[circuit.ObservableCount];
            new DensityMatrixEngine(NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(p))).Forward(circuit, 1, inputs, weights, e);
            return e.Sum(Math.Abs);
        }
        var (clean, some, much) = (Magnitude(0), Magnitude(0.01), Magnitude(0.1));
        Assert.True(clean > some && some > much, $"{clean} {some} {much}");
    }

    [Fact]
    public void A_model_for_a_smaller_device_than_the_circuit_is_refused()
    {
        var small = NoiseModel.Parse("depolarizing:0.01") with { MaxQubits = 2 };
        var circuit = QsannCircuits.TokenCircuit(3, 1);
        var e = Assert.Throws<NoiseException>(() => new DensityMatrixEngine(small).Forward(circuit, 0, [], new double[circuit.WeightCount], []));
        Assert.Contains("2-qubit device", e.Message);
    }
}

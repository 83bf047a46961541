using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

public sealed class NativeEngineGradientTests
{
    private const double ExactTolerance = 1e-9;
    private const double DifferenceTolerance = 1e-6;

    public static TheoryData<int, int> SizesAndBatches()
    {
        var data = new TheoryData<int, int>();
        for (var n = 1; n <= 7; n++)
            foreach (var batch in new[] { 1, 5, 9, 40 })
                data.Add(n, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndBatches))]
    public void Adjoint_gradient_matches_parameter_shift_and_finite_differences(int qubits, int batch)
    {
        var rng = new Random(31 * qubits + batch);
        var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 5 + 2 * qubits, branchGates: 3 + 2 * qubits);
        var check = GradientCheck.Random(circuit, batch, rng);
        var shift = check.Vjp(new ParameterShiftGradient(new NativeEngine()));
        var differences = check.FiniteDifferences(new NativeEngine());
        NativeEngineForwardTests.AssertClose(differences.Inputs, shift.Inputs, DifferenceTolerance);
        NativeEngineForwardTests.AssertClose(differences.Weights, shift.Weights, DifferenceTolerance);
        foreach (var engine in NativeEngineForwardTests.Engines)
        {
            var adjoint = check.Vjp(engine);
            NativeEngineForwardTests.AssertClose(shift.Expectations, adjoint.Expectations);
            NativeEngineForwardTests.AssertClose(shift.Inputs, adjoint.Inputs, ExactTolerance);
            NativeEngineForwardTests.AssertClose(shift.Weights, adjoint.Weights, ExactTolerance);
        }
    }

    public static TheoryData<int, int> QsannSizes()
    {
        var data = new TheoryData<int, int>();
        for (var n = 1; n <= 5; n++)
            for (var d = 0; d <= 2; d++)
                data.Add(n, d);
        return data;
    }

    [Theory]
    [MemberData(nameof(QsannSizes))]
    public void QSANN_gradients_match_finite_differences(int qubits, int depth)
    {
        var rng = new Random(qubits * 10 + depth);
        foreach (var circuit in new[] { QsannCircuits.TokenCircuit(qubits, depth), QsannCircuits.AttentionCircuit(qubits, depth) })
        {
            var check = GradientCheck.Random(circuit, 11, rng);
            var differences = check.FiniteDifferences(new NativeEngine());
            foreach (var engine in NativeEngineForwardTests.Engines)
            {
                var adjoint = check.Vjp(engine);
                NativeEngineForwardTests.AssertClose(differences.Inputs, adjoint.Inputs, DifferenceTolerance);
                NativeEngineForwardTests.AssertClose(differences.Weights, adjoint.Weights, DifferenceTolerance);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Input_rotations_after_the_last_entangler_are_differentiated(int branchCount)
    {
        // Input rotations after each qubit's last CNOT, and branches without entanglers: the measured qubits' tails
        // then read inputs (per-lane tails), whether the prefix merges into one branch or is shared by three.
        var rng = new Random(branchCount);
        const int qubits = 3;
        var entangled = RandomCircuits.Template(rng, "prefix", qubits, 12, 3, 0).Gates
            .Add(new Gate(GateKind.Cx, 0, 1)).Add(new Gate(GateKind.Cx, 1, 2)).Add(new Gate(GateKind.Cx, 2, 0));
        var kinds = new[] { GateKind.Rx, GateKind.Ry, GateKind.Rz };
        var tails = Enumerable.Range(0, 2 * qubits).Select(i => new Gate(kinds[rng.Next(3)], i % qubits, Angle: AngleSource.Input(rng.Next(3), 1.5, 0.2)));
        var prefix = new CircuitTemplate("prefix", qubits, 3, 0, [.. entangled, .. tails]);
        var branches = Enumerable.Range(0, branchCount).Select(b =>
        {
            var gates = Enumerable.Range(0, 4).Select(i => new Gate(kinds[rng.Next(3)], rng.Next(qubits), Angle: AngleSource.Weight(i % 2)));
            var observables = Enumerable.Range(0, 2 * qubits).Select(i => new PauliTerm((Pauli)(1 + rng.Next(3)), i % qubits));
            return new CircuitBranch($"b{b}", new CircuitTemplate($"b{b}", qubits, 0, 2, [.. gates]), [.. observables]);
        });
        var circuit = new BranchedCircuit(prefix, [.. branches]).Validate();
        var check = GradientCheck.Random(circuit, 13, rng);
        var shift = check.Vjp(new ParameterShiftGradient(new NativeEngine()));
        var differences = check.FiniteDifferences(new NativeEngine());
        NativeEngineForwardTests.AssertClose(differences.Inputs, shift.Inputs, DifferenceTolerance);
        foreach (var engine in NativeEngineForwardTests.Engines)
        {
            var adjoint = check.Vjp(engine);
            NativeEngineForwardTests.AssertClose(ReferenceSimulator.EvaluateBatch(circuit, 13, check.Inputs, check.Weights), adjoint.Expectations);
            NativeEngineForwardTests.AssertClose(shift.Inputs, adjoint.Inputs, ExactTolerance);
            NativeEngineForwardTests.AssertClose(shift.Weights, adjoint.Weights, ExactTolerance);
        }
    }

    [Fact]
    public void Parameter_shift_works_on_any_engine()
    {
        var rng = new Random(5);
        var circuit = RandomCircuits.Branched(rng, 3, prefixGates: 10, branchGates: 8, branchCount: 3);
        var check = GradientCheck.Random(circuit, 4, rng);
        var onReference = check.Vjp(new ParameterShiftGradient(new ReferenceEngine()));
        var adjoint = check.Vjp(new NativeEngine());
        NativeEngineForwardTests.AssertClose(adjoint.Expectations, onReference.Expectations);
        NativeEngineForwardTests.AssertClose(adjoint.Inputs, onReference.Inputs, ExactTolerance);
        NativeEngineForwardTests.AssertClose(adjoint.Weights, onReference.Weights, ExactTolerance);
    }

    [Theory]
    [InlineData(12, 3, 24, 10)]
    [InlineData(13, 2, 24, 10)]
    [InlineData(20, 1, 10, 4)]
    public void Large_register_gradients_match_parameter_shift(int qubits, int batch, int prefixGates, int branchGates)
    {
        // 13 qubits is past the explicit index lists, so the adjoint pass runs on expanded chunks.
        var rng = new Random(qubits);
        var circuit = RandomCircuits.Branched(rng, qubits, prefixGates, branchGates, branchCount: 2);
        var check = GradientCheck.Random(circuit, batch, rng);
        var shift = check.Vjp(new ParameterShiftGradient(new NativeEngine()));
        var adjoint = check.Vjp(new NativeEngine());
        NativeEngineForwardTests.AssertClose(shift.Inputs, adjoint.Inputs, ExactTolerance);
        NativeEngineForwardTests.AssertClose(shift.Weights, adjoint.Weights, ExactTolerance);
    }

    [Fact]
    public void Parameter_shift_checks_span_lengths_naming_the_argument()
    {
        var circuit = QsannCircuits.TokenCircuit(2, 1);
        var d = QsannCircuits.AngleCount(2, 1);
        var engine = new ParameterShiftGradient(new NativeEngine());
        var error = Assert.Throws<ArgumentException>(() =>
            engine.Vjp(circuit, 2, new double[2 * d], new double[d], new double[2 * d], new double[2 * d], new double[2 * d], new double[d + 1]));
        Assert.Equal("weightGradients", error.ParamName);
    }
}

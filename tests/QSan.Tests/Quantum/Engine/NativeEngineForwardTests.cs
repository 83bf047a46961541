using System.Collections.Immutable;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Engine.Simd;
using QSan.Quantum.Qsann;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

public sealed class NativeEngineForwardTests
{
    private const double Tolerance = 1e-10;

    /// <summary>Every code path: the widest SIMD with threads, then 256-bit, scalar, and one thread.</summary>
    internal static readonly NativeEngine[] Engines =
    [
        new NativeEngine(),
        new NativeEngine(LaneWidth.Vector256, 2),
        new NativeEngine(LaneWidth.Scalar, 2),
        new NativeEngine(maxDegreeOfParallelism: 1),
    ];

    public static TheoryData<int, int> SizesAndBatches()
    {
        var data = new TheoryData<int, int>();
        for (var n = 1; n <= 10; n++)
            foreach (var batch in new[] { 1, 3, 4, 7, 8, 33, 1000 })
                data.Add(n, batch);
        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndBatches))]
    public void Random_circuits_match_the_reference_simulator(int qubits, int batch)
    {
        var rng = new Random(qubits * 7919 + batch);
        var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 6 + 3 * qubits, branchGates: 4 + 2 * qubits);
        AssertMatchesReference(circuit, batch, rng);
    }

    [Theory]
    [InlineData(14, 5)]
    [InlineData(20, 1)]
    public void Large_registers_match_the_reference_simulator(int qubits, int batch)
    {
        var rng = new Random(qubits);
        var circuit = RandomCircuits.Branched(rng, qubits, prefixGates: 40, branchGates: 20, branchCount: 2);
        var inputs = RandomCircuits.Values(rng, batch * circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        var expected = ReferenceSimulator.EvaluateBatch(circuit, batch, inputs, weights);
        var actual = new double[expected.Length];
        new NativeEngine().Forward(circuit, batch, inputs, weights, actual);
        AssertClose(expected, actual);
    }

    public static TheoryData<int, int> QsannSizes()
    {
        var data = new TheoryData<int, int>();
        for (var n = 2; n <= 8; n++)
            for (var d = 0; d <= 3; d++)
                data.Add(n, d);
        return data;
    }

    [Theory]
    [MemberData(nameof(QsannSizes))]
    public void QSANN_circuits_match_the_reference_simulator(int qubits, int depth)
    {
        var rng = new Random(100 * qubits + depth);
        AssertMatchesReference(QsannCircuits.TokenCircuit(qubits, depth), 37, rng);
        AssertMatchesReference(QsannCircuits.AttentionCircuit(qubits, depth), 37, rng);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    public void Zero_angles_after_the_encoder_give_the_uniform_superposition(int qubits, int depth)
    {
        var everyPauli = Enumerable.Range(0, qubits).SelectMany(q => new[] { new PauliTerm(Pauli.X, q), new PauliTerm(Pauli.Y, q), new PauliTerm(Pauli.Z, q) });
        var circuit = new BranchedCircuit(QsannCircuits.Encoder(qubits, depth),
            [new CircuitBranch("measure", new CircuitTemplate("none", qubits, 0, 0, []), [.. everyPauli])]).Validate();
        var batch = 9;
        var expectations = new double[batch * circuit.ObservableCount];
        foreach (var engine in Engines)
        {
            engine.Forward(circuit, batch, new double[batch * circuit.InputCount], [], expectations);
            for (var k = 0; k < expectations.Length; k++)
                Assert.Equal(k % 3 == 0 ? 1.0 : 0.0, expectations[k], Tolerance);
        }
    }

    [Theory]
    [InlineData(false, false, 1, 1)]
    [InlineData(true, false, -1, -1)]
    [InlineData(false, true, 1, -1)]
    [InlineData(true, true, -1, 1)]
    public void Cnot_flips_the_target_exactly_when_the_control_is_set(bool control, bool target, double z0, double z1)
    {
        var gates = new List<Gate>();
        if (control) gates.Add(new Gate(GateKind.X, 0));
        if (target) gates.Add(new Gate(GateKind.X, 1));
        gates.Add(new Gate(GateKind.Cx, 0, 1));
        var circuit = Measured(new CircuitTemplate("cnot", 2, 0, 0, [.. gates]), new PauliTerm(Pauli.Z, 0), new PauliTerm(Pauli.Z, 1));
        var expectations = new double[2];
        foreach (var engine in Engines)
        {
            engine.Forward(circuit, 1, [], [], expectations);
            Assert.Equal([z0, z1], expectations, (a, b) => Math.Abs(a - b) < Tolerance);
        }
    }

    [Fact]
    public void Bell_state_has_perfectly_mixed_qubits_and_correlated_parity()
    {
        var bell = new CircuitTemplate("bell", 2, 0, 0, [new Gate(GateKind.H, 0), new Gate(GateKind.Cx, 0, 1)]);
        var single = Measured(bell, new PauliTerm(Pauli.X, 0), new PauliTerm(Pauli.Y, 1), new PauliTerm(Pauli.Z, 1), new PauliTerm(Pauli.I, 0));
        var expectations = new double[4];
        new NativeEngine().Forward(single, 1, [], [], expectations);
        Assert.Equal([0, 0, 0, 1], expectations, (a, b) => Math.Abs(a - b) < Tolerance);

        // CNOT(0,1) then H on 0 maps the Bell state back to |00⟩.
        var undone = new CircuitTemplate("undo", 2, 0, 0, [new Gate(GateKind.H, 0), new Gate(GateKind.Cx, 0, 1), new Gate(GateKind.Cx, 0, 1), new Gate(GateKind.H, 0)]);
        new NativeEngine().Forward(Measured(undone, new PauliTerm(Pauli.Z, 0), new PauliTerm(Pauli.Z, 1)), 1, [], [], expectations.AsSpan(0, 2));
        Assert.Equal([1, 1], expectations[..2], (a, b) => Math.Abs(a - b) < Tolerance);
    }

    public static TheoryData<GateKind, bool, Pauli> ClosedForms() => new()
    {
        // RY(θ)|0⟩: ⟨Z⟩ = cos θ, ⟨X⟩ = sin θ, ⟨Y⟩ = 0.
        { GateKind.Ry, false, Pauli.Z },
        { GateKind.Ry, false, Pauli.X },
        { GateKind.Ry, false, Pauli.Y },
        // RX(θ)|0⟩: ⟨Y⟩ = −sin θ, ⟨Z⟩ = cos θ.
        { GateKind.Rx, false, Pauli.Y },
        { GateKind.Rx, false, Pauli.Z },
        // RZ(θ)H|0⟩: ⟨X⟩ = cos θ, ⟨Y⟩ = sin θ.
        { GateKind.Rz, true, Pauli.X },
        { GateKind.Rz, true, Pauli.Y },
    };

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Single_rotations_follow_their_closed_forms(GateKind rotation, bool hadamardFirst, Pauli pauli)
    {
        Func<double, double> expected = (rotation, pauli) switch
        {
            (GateKind.Ry, Pauli.Z) or (GateKind.Rx, Pauli.Z) => Math.Cos,
            (GateKind.Ry, Pauli.X) => Math.Sin,
            (GateKind.Rx, Pauli.Y) => t => -Math.Sin(t),
            (GateKind.Rz, Pauli.X) => Math.Cos,
            (GateKind.Rz, Pauli.Y) => Math.Sin,
            _ => _ => 0,
        };
        var gates = new List<Gate>();
        if (hadamardFirst) gates.Add(new Gate(GateKind.H, 0));
        gates.Add(new Gate(rotation, 0, Angle: AngleSource.Input(0)));
        // A second qubit keeps the measured one out of the product-state shortcut's trivial case.
        var template = new CircuitTemplate("rotation", 2, 1, 0, [.. gates, new Gate(GateKind.H, 1)]);
        var circuit = new BranchedCircuit(template, [new CircuitBranch("m", new CircuitTemplate("none", 2, 0, 0, []), [new PauliTerm(pauli, 0)])]).Validate();
        var thetas = Enumerable.Range(0, 11).Select(i => -5 + i * 1.01).ToArray();
        var expectations = new double[thetas.Length];
        foreach (var engine in Engines)
        {
            engine.Forward(circuit, thetas.Length, thetas, [], expectations);
            for (var i = 0; i < thetas.Length; i++) Assert.Equal(expected(thetas[i]), expectations[i], Tolerance);
        }
    }

    [Fact]
    public void Mismatched_span_lengths_throw_naming_the_argument()
    {
        var circuit = QsannCircuits.AttentionCircuit(3, 1);
        var (batch, d) = (4, QsannCircuits.AngleCount(3, 1));
        var inputs = new double[batch * d];
        var weights = new double[3 * d];
        var expectations = new double[batch * circuit.ObservableCount];
        var engine = new NativeEngine();
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => engine.Forward(circuit, batch, new double[5], weights, expectations)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => engine.Forward(circuit, batch, inputs, new double[d], expectations)).ParamName);
        Assert.Equal("expectations", Assert.Throws<ArgumentException>(() => engine.Forward(circuit, batch, inputs, weights, new double[3])).ParamName);
        var cotangents = new double[expectations.Length];
        var inputGradients = new double[inputs.Length];
        var weightGradients = new double[weights.Length];
        Assert.Equal("cotangents", Assert.Throws<ArgumentException>(() =>
            engine.Vjp(circuit, batch, inputs, weights, new double[1], expectations, inputGradients, weightGradients)).ParamName);
        Assert.Equal("inputGradients", Assert.Throws<ArgumentException>(() =>
            engine.Vjp(circuit, batch, inputs, weights, cotangents, expectations, new double[1], weightGradients)).ParamName);
        Assert.Equal("weightGradients", Assert.Throws<ArgumentException>(() =>
            engine.Vjp(circuit, batch, inputs, weights, cotangents, expectations, inputGradients, new double[1])).ParamName);
        Assert.Equal("batch", Assert.Throws<ArgumentOutOfRangeException>(() => engine.Forward(circuit, -1, [], weights, [])).ParamName);
    }

    [Fact]
    public void Compiled_programs_are_cached_per_circuit_instance()
    {
        var circuit = QsannCircuits.TokenCircuit(3, 1);
        Assert.Same(NativeEngine.Compile(circuit), NativeEngine.Compile(circuit));
        Assert.NotSame(NativeEngine.Compile(circuit), NativeEngine.Compile(QsannCircuits.TokenCircuit(3, 1)));
    }

    internal static void AssertMatchesReference(BranchedCircuit circuit, int batch, Random rng)
    {
        var inputs = RandomCircuits.Values(rng, batch * circuit.InputCount);
        var weights = RandomCircuits.Values(rng, circuit.WeightCount);
        var expected = ReferenceSimulator.EvaluateBatch(circuit, batch, inputs, weights);
        foreach (var engine in Engines)
        {
            var actual = new double[expected.Length];
            engine.Forward(circuit, batch, inputs, weights, actual);
            AssertClose(expected, actual);
        }
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
                Assert.Fail($"Element {i}: expected {expected[i]:R}, got {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):E2}).");
    }

    private static BranchedCircuit Measured(CircuitTemplate prefix, params PauliTerm[] observables) =>
        new BranchedCircuit(prefix, [new CircuitBranch("m", new CircuitTemplate("none", prefix.QubitCount, 0, 0, []), [.. observables])]).Validate();
}

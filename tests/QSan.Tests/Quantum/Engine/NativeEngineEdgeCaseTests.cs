using System.Collections.Immutable;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

public sealed class NativeEngineEdgeCaseTests
{
    private static readonly ImmutableArray<PauliTerm> EveryPauliOnTwoQubits =
        [new(Pauli.X, 0), new(Pauli.Y, 0), new(Pauli.Z, 0), new(Pauli.X, 1), new(Pauli.Y, 1), new(Pauli.Z, 1), new(Pauli.I, 1)];

    [Fact]
    public void Circuits_without_gates_stay_in_the_zero_state()
    {
        var empty = new CircuitTemplate("empty", 2, 0, 0, []);
        var circuit = new BranchedCircuit(empty, [new CircuitBranch("a", empty, EveryPauliOnTwoQubits), new CircuitBranch("b", empty, [new(Pauli.Z, 1)])]).Validate();
        foreach (var engine in NativeEngineForwardTests.Engines)
        {
            var expectations = new double[3 * circuit.ObservableCount];
            engine.Forward(circuit, 3, [], [], expectations);
            Assert.Equal([0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1], expectations);
        }
    }

    [Fact]
    public void An_empty_batch_writes_nothing()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var weights = new double[circuit.WeightCount];
        var weightGradients = new double[circuit.WeightCount];
        weightGradients.AsSpan().Fill(double.NaN);
        var engine = new NativeEngine();
        engine.Forward(circuit, 0, [], weights, []);
        engine.Vjp(circuit, 0, [], weights, [], [], [], weightGradients);
        Assert.All(weightGradients, g => Assert.Equal(0, g));
    }

    [Fact]
    public void A_circuit_without_branches_has_no_observables_and_zero_gradients()
    {
        var prefix = QsannCircuits.Encoder(2, 1);
        var circuit = new BranchedCircuit(prefix, []).Validate();
        var inputGradients = Enumerable.Repeat(double.NaN, 3 * prefix.InputCount).ToArray();
        new NativeEngine().Vjp(circuit, 3, new double[3 * prefix.InputCount], [], [], [], inputGradients, []);
        Assert.All(inputGradients, g => Assert.Equal(0, g));
    }

    [Fact]
    public void Gates_after_the_last_entangler_on_an_unmeasured_qubit_change_nothing()
    {
        // RX on qubit 1 after its last CNOT cannot affect qubit 0's reduced state: zero gradient, same expectation.
        var gates = ImmutableArray.Create(
            new Gate(GateKind.Ry, 0, Angle: AngleSource.Input(0)),
            new Gate(GateKind.Cx, 0, 1),
            new Gate(GateKind.Rx, 1, Angle: AngleSource.Input(1)));
        var prefix = new CircuitTemplate("p", 2, 2, 0, gates);
        var circuit = new BranchedCircuit(prefix, [new CircuitBranch("m", new CircuitTemplate("none", 2, 0, 0, []), [new PauliTerm(Pauli.Z, 0)])]).Validate();
        var inputs = new[] { 0.7, 1.9 };
        var expectations = new double[1];
        var inputGradients = new double[2];
        new NativeEngine().Vjp(circuit, 1, inputs, [], [1.0], expectations, inputGradients, []);
        Assert.Equal(Math.Cos(0.7), expectations[0], 1e-12);
        Assert.Equal(-Math.Sin(0.7), inputGradients[0], 1e-12);
        Assert.Equal(0, inputGradients[1]);
    }

    [Fact]
    public void The_engine_can_be_shared_between_threads()
    {
        var circuit = QsannCircuits.AttentionCircuit(3, 2);
        var rng = new Random(9);
        var check = GradientCheck.Random(circuit, 500, rng);
        var engine = new NativeEngine();
        var expected = check.Vjp(engine);
        var results = new (double[] Expectations, double[] Inputs, double[] Weights)[8];
        Parallel.For(0, results.Length, i => results[i] = check.Vjp(engine));
        foreach (var r in results)
        {
            Assert.Equal(expected.Expectations, r.Expectations);
            Assert.Equal(expected.Inputs, r.Inputs);
            Assert.Equal(expected.Weights, r.Weights);
        }
    }

    [Fact]
    public void Registers_beyond_the_engines_limit_are_rejected_naming_the_circuit()
    {
        var big = new CircuitTemplate("big", 25, 0, 0, [new Gate(GateKind.H, 24)]);
        var circuit = new BranchedCircuit(big, [new CircuitBranch("m", new CircuitTemplate("none", 25, 0, 0, []), [new PauliTerm(Pauli.Z, 0)])]);
        var error = Assert.Throws<ArgumentException>(() => new NativeEngine().Forward(circuit, 1, [], [], new double[1]));
        Assert.Equal("circuit", error.ParamName);
    }

    [Fact]
    public void Rotations_on_their_own_eigenstates_only_change_the_phase()
    {
        // RX after H and RZ on |0⟩ act on eigenstates: no expectation depends on x0 or x1, and their gradients vanish.
        var gates = ImmutableArray.Create(
            new Gate(GateKind.H, 0),
            new Gate(GateKind.Rx, 0, Angle: AngleSource.Input(0)),
            new Gate(GateKind.Rz, 1, Angle: AngleSource.Input(1, 3)),
            new Gate(GateKind.Ry, 0, Angle: AngleSource.Input(2)),
            new Gate(GateKind.Cx, 0, 1));
        var prefix = new CircuitTemplate("p", 2, 3, 0, gates);
        var circuit = new BranchedCircuit(prefix, [new CircuitBranch("m", new CircuitTemplate("none", 2, 0, 0, []), EveryPauliOnTwoQubits)]).Validate();
        var check = new GradientCheck(circuit, 2, [0.3, -1.2, 0.8, 2.9, 0.4, 0.8], [], RandomCircuits.Values(new Random(3), 2 * circuit.ObservableCount));
        var (expectations, inputGradients, _) = check.Vjp(new NativeEngine());
        NativeEngineForwardTests.AssertClose(ReferenceSimulator.EvaluateBatch(circuit, 2, check.Inputs, []), expectations);
        Assert.Equal(expectations[..7], expectations[7..]);
        Assert.Equal([0, 0, 0, 0], new[] { inputGradients[0], inputGradients[1], inputGradients[3], inputGradients[4] });
        NativeEngineForwardTests.AssertClose(check.FiniteDifferences(new NativeEngine()).Inputs, inputGradients, 1e-6);
    }

    [Fact]
    public void At_least_one_thread_is_required() =>
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new NativeEngine(0)).ParamName);
}

using QSan.Quantum.Circuits;
using QSan.Quantum.Qsann;
using Xunit;

namespace QSan.Tests.Quantum.Qsann;

public sealed class QsannCircuitsTests
{
    [Fact]
    public void The_encoder_is_Hadamards_then_the_ansatz()
    {
        var encoder = QsannCircuits.Encoder(2, 1);
        Gate[] expected =
        [
            new(GateKind.H, 0), new(GateKind.H, 1),
            new(GateKind.Rx, 0, Angle: AngleSource.Input(0)), new(GateKind.Ry, 0, Angle: AngleSource.Input(2)),
            new(GateKind.Rx, 1, Angle: AngleSource.Input(1)), new(GateKind.Ry, 1, Angle: AngleSource.Input(3)),
            new(GateKind.Cx, 0, 1), new(GateKind.Cx, 1, 0),
            new(GateKind.Ry, 0, Angle: AngleSource.Input(4)), new(GateKind.Ry, 1, Angle: AngleSource.Input(5)),
        ];
        Assert.Equal(expected, encoder.Gates);
        Assert.Equal(6, encoder.InputCount);
    }

    [Fact]
    public void One_qubit_ansatz_has_no_entanglers()
    {
        Assert.DoesNotContain(QsannCircuits.Ansatz(1, 3, SlotKind.Weight), g => g.Kind.IsTwoQubit());
        Assert.Equal(5, QsannCircuits.Ansatz(1, 3, SlotKind.Weight).Length);
    }

    [Fact]
    public void Value_observables_cycle_ZYX_by_blocks_of_n()
    {
        PauliTerm[] expected = [new(Pauli.Z, 0), new(Pauli.Z, 1), new(Pauli.Y, 0), new(Pauli.Y, 1), new(Pauli.X, 0), new(Pauli.X, 1), new(Pauli.Z, 0), new(Pauli.Z, 1)];
        Assert.Equal(expected, QsannCircuits.ValueObservables(2, 2));
    }

    [Fact]
    public void Attention_circuit_has_query_key_and_value_branches()
    {
        var circuit = QsannCircuits.AttentionCircuit(3, 1);
        Assert.Equal(["query", "key", "value"], circuit.Branches.Select(b => b.Name));
        Assert.Equal(3 * 9, circuit.WeightCount);
        Assert.Equal(1 + 1 + 9, circuit.ObservableCount);
        Assert.All(circuit.Branches.Take(2), b => Assert.Equal([new PauliTerm(Pauli.Z, 0)], b.Observables.ToArray()));
    }
}

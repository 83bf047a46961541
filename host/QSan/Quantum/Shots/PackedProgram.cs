using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Shots;

/// <summary>
/// Several planned circuits side by side on disjoint qubit registers, run as one program (one job): slot j uses qubits
/// j·n … j·n+n−1, and result bit j·n+q is slot j's qubit q. On disjoint registers the circuits do not interact, so each
/// slot's outcome statistics are those of the circuit alone; packing spreads a job's fixed price over many circuits.
/// </summary>
/// <param name="Index">Position of the program in its batch.</param>
/// <param name="Slots">The circuits, all on the same number of qubits.</param>
public sealed record PackedProgram(int Index, ImmutableArray<PlannedCircuit> Slots)
{
    /// <summary>Qubits per slot.</summary>
    public int QubitsPerSlot => Slots[0].QubitCount;

    /// <summary>Qubits (and results) of the whole program.</summary>
    public int QubitCount => Slots.Length * QubitsPerSlot;

    /// <summary>
    /// The gates of the whole program with constant angles: every slot's preparation, then every slot's basis change
    /// (measurements of all qubits follow, in qubit order). This is also the order the Q# packed entry point applies them.
    /// </summary>
    public CircuitTemplate ToConstantCircuit()
    {
        var n = QubitsPerSlot;
        var gates = ImmutableArray.CreateBuilder<Gate>();
        for (var j = 0; j < Slots.Length; j++)
            gates.AddRange(Slots[j].PreparationGates().Select(p => Shift(PlannedCircuit.Constant(p.Gate, p.Angle), j * n)));
        for (var j = 0; j < Slots.Length; j++)
            gates.AddRange(Slots[j].BasisGates().Select(g => Shift(g, j * n)));
        return new CircuitTemplate($"program{Index}", QubitCount, 0, 0, gates.ToImmutable());
    }

    /// <summary>Splits a plan into programs of at most <paramref name="slotsPerProgram"/> circuits, in plan order.</summary>
    public static ImmutableArray<PackedProgram> Pack(MeasurementPlan plan, int slotsPerProgram)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotsPerProgram, 1);
        return [.. plan.Circuits.Chunk(slotsPerProgram).Select((chunk, i) => new PackedProgram(i, [.. chunk]))];
    }

    private static Gate Shift(Gate gate, int offset) =>
        gate with { Qubit = gate.Qubit + offset, Target = gate.Target < 0 ? gate.Target : gate.Target + offset };
}

using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Qsann;

/// <summary>
/// The QSANN circuits (docs/model.md, "The ansatz" and "The encoder") built directly as templates (the same gate lists the Q# import yields), for
/// benchmarks and tests. n qubits, depth D, d = n(D+2) angles per ansatz.
/// </summary>
public static class QsannCircuits
{
    /// <summary>Angles per ansatz: d = n(D+2).</summary>
    public static int AngleCount(int qubits, int depth) => qubits * (depth + 2);

    /// <summary>
    /// U(θ): RX(θ[i]) then RY(θ[n+i]) on each qubit i; then for r = 1..D a CNOT ring (control i, target (i+1) mod n,
    /// i = 0..n−1; none for n = 1) followed by RY(θ[(r+1)n+i]) on each qubit.
    /// </summary>
    /// <param name="qubits">n ≥ 1.</param>
    /// <param name="depth">D ≥ 0.</param>
    /// <param name="slots">Whether θ are per-circuit inputs (the encoder) or shared weights (the branches).</param>
    public static ImmutableArray<Gate> Ansatz(int qubits, int depth, SlotKind slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        AngleSource Angle(int slot) => slots == SlotKind.Input ? AngleSource.Input(slot) : AngleSource.Weight(slot);
        var gates = ImmutableArray.CreateBuilder<Gate>();
        for (var i = 0; i < qubits; i++)
        {
            gates.Add(new Gate(GateKind.Rx, i, Angle: Angle(i)));
            gates.Add(new Gate(GateKind.Ry, i, Angle: Angle(qubits + i)));
        }
        for (var r = 1; r <= depth; r++)
        {
            if (qubits > 1)
                for (var i = 0; i < qubits; i++) gates.Add(new Gate(GateKind.Cx, i, (i + 1) % qubits));
            for (var i = 0; i < qubits; i++) gates.Add(new Gate(GateKind.Ry, i, Angle: Angle((r + 1) * qubits + i)));
        }
        return gates.ToImmutable();
    }

    /// <summary>The token encoder: H on every qubit, then U(y) with the token's d angles as inputs.</summary>
    public static CircuitTemplate Encoder(int qubits, int depth)
    {
        var gates = Enumerable.Range(0, qubits).Select(q => new Gate(GateKind.H, q)).Concat(Ansatz(qubits, depth, SlotKind.Input));
        return new CircuitTemplate("encoder", qubits, AngleCount(qubits, depth), 0, [.. gates]);
    }

    /// <summary>An ansatz branch U(θ) on d weights.</summary>
    public static CircuitTemplate Branch(string name, int qubits, int depth) =>
        new(name, qubits, 0, AngleCount(qubits, depth), Ansatz(qubits, depth, SlotKind.Weight));

    /// <summary>The value observables: j = 0..d−1 measures qubit j mod n with Z, Y, X, Z, Y, … by blocks of n.</summary>
    public static ImmutableArray<PauliTerm> ValueObservables(int qubits, int depth) =>
    [
        .. Enumerable.Range(0, AngleCount(qubits, depth))
            .Select(j => new PauliTerm((j / qubits % 3) switch { 0 => Pauli.Z, 1 => Pauli.Y, _ => Pauli.X }, j % qubits)),
    ];

    /// <summary>A token circuit: the encoder followed by one (value) ansatz branch measuring the d value observables.</summary>
    public static BranchedCircuit TokenCircuit(int qubits, int depth) =>
        new BranchedCircuit(Encoder(qubits, depth), [new CircuitBranch("value", Branch("value", qubits, depth), ValueObservables(qubits, depth))]).Validate();

    /// <summary>
    /// The shared-prefix attention circuit: the encoder, then query and key branches measuring ⟨Z_0⟩ and a value branch
    /// measuring the d value observables. Weights: query, key, value (d each); observables: q, k, then d values.
    /// </summary>
    public static BranchedCircuit AttentionCircuit(int qubits, int depth) =>
        new BranchedCircuit(Encoder(qubits, depth),
        [
            new CircuitBranch("query", Branch("query", qubits, depth), [new PauliTerm(Pauli.Z, 0)]),
            new CircuitBranch("key", Branch("key", qubits, depth), [new PauliTerm(Pauli.Z, 0)]),
            new CircuitBranch("value", Branch("value", qubits, depth), ValueObservables(qubits, depth)),
        ]).Validate();
}

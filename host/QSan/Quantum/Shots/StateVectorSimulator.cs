using System.Numerics;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Shots;

/// <summary>
/// A small dense state-vector simulator for constant-angle circuits (bit q of a basis index is qubit q): what the local
/// shot-sampling mode needs, the joint outcome distribution over all qubits, which the batched engine does not expose.
/// </summary>
public static class StateVectorSimulator
{
    /// <summary>Largest register it simulates (2²⁴ amplitudes, 256 MiB).</summary>
    public const int MaxQubits = 24;

    /// <summary>The final state of <paramref name="circuit"/> on |0…0⟩; angles must be constants.</summary>
    public static Complex[] Run(CircuitTemplate circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.QubitCount > MaxQubits) throw new ArgumentException($"{circuit.Name}: {circuit.QubitCount} qubits is more than the {MaxQubits} this simulator holds.", nameof(circuit));
        var state = new Complex[1 << circuit.QubitCount];
        state[0] = 1;
        foreach (var gate in circuit.Gates)
        {
            if (gate.Kind.IsRotation() && gate.Angle.Kind != SlotKind.Constant)
                throw new ArgumentException($"{circuit.Name}: gate {gate} reads a slot; instantiate the angles first.", nameof(circuit));
            Apply(state, gate);
        }
        return state;
    }

    /// <summary>|amplitude|² of every basis state.</summary>
    public static double[] Probabilities(CircuitTemplate circuit)
    {
        var state = Run(circuit);
        var p = new double[state.Length];
        for (var i = 0; i < state.Length; i++) p[i] = state[i].Real * state[i].Real + state[i].Imaginary * state[i].Imaginary;
        return p;
    }

    private static void Apply(Complex[] state, Gate gate)
    {
        var s = Math.Sqrt(0.5);
        var half = gate.Angle.Offset / 2;
        var (c, sn) = (Math.Cos(half), Math.Sin(half));
        switch (gate.Kind)
        {
            case GateKind.H: Single(state, gate.Qubit, s, s, s, -s); break;
            case GateKind.X: Single(state, gate.Qubit, 0, 1, 1, 0); break;
            case GateKind.Y: Single(state, gate.Qubit, 0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0); break;
            case GateKind.Z: Single(state, gate.Qubit, 1, 0, 0, -1); break;
            case GateKind.S: Single(state, gate.Qubit, 1, 0, 0, Complex.ImaginaryOne); break;
            case GateKind.SAdj: Single(state, gate.Qubit, 1, 0, 0, -Complex.ImaginaryOne); break;
            case GateKind.T: Single(state, gate.Qubit, 1, 0, 0, Complex.FromPolarCoordinates(1, Math.PI / 4)); break;
            case GateKind.TAdj: Single(state, gate.Qubit, 1, 0, 0, Complex.FromPolarCoordinates(1, -Math.PI / 4)); break;
            case GateKind.Rx: Single(state, gate.Qubit, c, new Complex(0, -sn), new Complex(0, -sn), c); break;
            case GateKind.Ry: Single(state, gate.Qubit, c, -sn, sn, c); break;
            case GateKind.Rz: Single(state, gate.Qubit, new Complex(c, -sn), 0, 0, new Complex(c, sn)); break;
            case GateKind.Cx:
                for (var i = 0; i < state.Length; i++)
                    if (Bit(i, gate.Qubit) && !Bit(i, gate.Target)) (state[i], state[i | 1 << gate.Target]) = (state[i | 1 << gate.Target], state[i]);
                break;
            case GateKind.Cz:
                for (var i = 0; i < state.Length; i++)
                    if (Bit(i, gate.Qubit) && Bit(i, gate.Target)) state[i] = -state[i];
                break;
            case GateKind.Swap:
                for (var i = 0; i < state.Length; i++)
                    if (Bit(i, gate.Qubit) && !Bit(i, gate.Target)) (state[i], state[i ^ (1 << gate.Qubit) ^ (1 << gate.Target)]) = (state[i ^ (1 << gate.Qubit) ^ (1 << gate.Target)], state[i]);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(gate), gate, "Unknown gate.");
        }
    }

    private static void Single(Complex[] state, int qubit, Complex m00, Complex m01, Complex m10, Complex m11)
    {
        var mask = 1 << qubit;
        for (var i = 0; i < state.Length; i++)
        {
            if ((i & mask) != 0) continue;
            var (a0, a1) = (state[i], state[i | mask]);
            state[i] = m00 * a0 + m01 * a1;
            state[i | mask] = m10 * a0 + m11 * a1;
        }
    }

    private static bool Bit(int index, int qubit) => (index >> qubit & 1) == 1;
}

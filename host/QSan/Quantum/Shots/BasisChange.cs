using QSan.Quantum.Circuits;

namespace QSan.Quantum.Shots;

/// <summary>
/// Rotations that map a Pauli's eigenbasis onto the computational basis, so a Z measurement afterwards measures that Pauli
/// (mirrors <c>QSan.Measurement.RotateToComputationalBasis</c> in quantum/src/Measurement.qs).
/// </summary>
public static class BasisChange
{
    /// <summary>The gates on qubits 0..<paramref name="qubits"/>−1: Z: none; X: H; Y: S† then H (per qubit).</summary>
    public static IEnumerable<Gate> Gates(Pauli basis, int qubits) => basis switch
    {
        Pauli.Z => [],
        Pauli.X => Enumerable.Range(0, qubits).Select(q => new Gate(GateKind.H, q)),
        Pauli.Y => Enumerable.Range(0, qubits).SelectMany(q => new[] { new Gate(GateKind.SAdj, q), new Gate(GateKind.H, q) }),
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Only X, Y and Z are measurement bases."),
    };
}

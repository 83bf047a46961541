namespace QSan.Quantum.Circuits;

/// <summary>The gates a circuit template may contain: the base-profile QIR intrinsics the host simulates.</summary>
public enum GateKind
{
    /// <summary>Hadamard.</summary>
    H,
    /// <summary>Pauli X.</summary>
    X,
    /// <summary>Pauli Y.</summary>
    Y,
    /// <summary>Pauli Z.</summary>
    Z,
    /// <summary>Phase gate S = diag(1, i).</summary>
    S,
    /// <summary>Adjoint of S.</summary>
    SAdj,
    /// <summary>T = diag(1, e^{iπ/4}).</summary>
    T,
    /// <summary>Adjoint of T.</summary>
    TAdj,
    /// <summary>RX(θ) = exp(-iθX/2).</summary>
    Rx,
    /// <summary>RY(θ) = exp(-iθY/2).</summary>
    Ry,
    /// <summary>RZ(θ) = exp(-iθZ/2).</summary>
    Rz,
    /// <summary>Controlled NOT (control = <see cref="Gate.Qubit"/>, target = <see cref="Gate.Target"/>).</summary>
    Cx,
    /// <summary>Controlled Z.</summary>
    Cz,
    /// <summary>Swap of two qubits.</summary>
    Swap,
}

/// <summary>Facts about gate kinds that the importer and the engines share.</summary>
public static class GateKinds
{
    /// <summary>Whether the gate takes a rotation angle.</summary>
    public static bool IsRotation(this GateKind kind) => kind is GateKind.Rx or GateKind.Ry or GateKind.Rz;

    /// <summary>Whether the gate acts on two qubits.</summary>
    public static bool IsTwoQubit(this GateKind kind) => kind is GateKind.Cx or GateKind.Cz or GateKind.Swap;
}

namespace QSan.Quantum.Circuits;

/// <summary>One gate of a circuit template.</summary>
/// <param name="Kind">The gate.</param>
/// <param name="Qubit">The qubit it acts on (the control for <see cref="GateKind.Cx"/> and <see cref="GateKind.Cz"/>).</param>
/// <param name="Target">The second qubit of a two-qubit gate, otherwise -1.</param>
/// <param name="Angle">The rotation angle of <see cref="GateKind.Rx"/>, <see cref="GateKind.Ry"/>, <see cref="GateKind.Rz"/>; default otherwise.</param>
public readonly record struct Gate(GateKind Kind, int Qubit, int Target = -1, AngleSource Angle = default)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var name = Kind.ToString().ToUpperInvariant();
        if (Kind.IsRotation()) return $"{name}({Angle}) q{Qubit}";
        return Kind.IsTwoQubit() ? $"{name} q{Qubit}, q{Target}" : $"{name} q{Qubit}";
    }
}

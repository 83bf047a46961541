namespace QSan.Quantum.Circuits;

/// <summary>A single-qubit Pauli operator, named as in Q#.</summary>
public enum Pauli
{
    /// <summary>Identity.</summary>
    I,
    /// <summary>Pauli X.</summary>
    X,
    /// <summary>Pauli Y.</summary>
    Y,
    /// <summary>Pauli Z.</summary>
    Z,
}

/// <summary>An observable: one Pauli on one qubit, whose expectation a circuit measures.</summary>
/// <param name="Pauli">The Pauli.</param>
/// <param name="Qubit">The qubit.</param>
public readonly record struct PauliTerm(Pauli Pauli, int Qubit)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Pauli}{Qubit}";
}

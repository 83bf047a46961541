namespace QSan.Quantum.Noise;

/// <summary>
/// A noise model that cannot be used: a probability outside [0, 1], an unknown channel or preset name, a malformed
/// specification, or a model for fewer qubits than the circuit has. The message says which and what is accepted.
/// </summary>
public sealed class NoiseException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public NoiseException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

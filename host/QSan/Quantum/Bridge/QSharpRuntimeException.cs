namespace QSan.Quantum.Bridge;

/// <summary>A Q# program failed while it ran (e.g. <c>fail</c>, or a qubit released while not in |0⟩).</summary>
public sealed class QSharpRuntimeException : QSharpBridgeException
{
    /// <summary>Creates the exception from the simulator's error.</summary>
    public QSharpRuntimeException(QSharpError error, string message) : base(message) => Error = error;

    /// <summary>The simulator's error, with its location and call stack.</summary>
    public QSharpError Error { get; }
}

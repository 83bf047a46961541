namespace QSan.Quantum.Bridge;

/// <summary>Base of every error raised by the Q# bridge; its message says what to do about it.</summary>
public class QSharpBridgeException : QSanException
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public QSharpBridgeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public QSharpBridgeException(string message, Exception? innerException) : base(message, innerException) { }
}

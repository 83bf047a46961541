namespace QSan;

/// <summary>
/// Base of the errors a user causes and can fix: a dataset file that breaks its format, an unknown name, a missing or
/// too old Node.js, a Q# program that does not compile, missing Azure settings, an error the Azure Quantum service
/// reported, a job output that cannot be read, a circuit that cannot be imported. The message is complete and written
/// for people: it says what is wrong and, where it can, what to do about it, so front ends show it as it is, without
/// the type name or a stack trace. Errors that mean a bug in QSan are not of this type.
/// </summary>
public abstract class QSanException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    /// <param name="message">What is wrong and what to do about it, for people.</param>
    protected QSanException(string message) : base(message) { }

    /// <summary>Creates the exception with a message a user can act on and the error that caused it.</summary>
    /// <param name="message">What is wrong and what to do about it, for people.</param>
    /// <param name="innerException">The underlying error, or null.</param>
    protected QSanException(string message, Exception? innerException) : base(message, innerException) { }
}

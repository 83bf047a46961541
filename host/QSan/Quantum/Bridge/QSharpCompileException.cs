using System.Collections.Immutable;

namespace QSan.Quantum.Bridge;

/// <summary>The Q# program (or the entry expression) did not compile.</summary>
public sealed class QSharpCompileException : QSharpBridgeException
{
    /// <summary>Creates the exception from the compiler's diagnostics, one line each in the message.</summary>
    /// <param name="diagnostics">The compiler's diagnostics.</param>
    /// <param name="message">The message, normally the formatted diagnostics.</param>
    public QSharpCompileException(ImmutableArray<QSharpDiagnostic> diagnostics, string message) : base(message)
        => Diagnostics = diagnostics;

    /// <summary>The compiler's diagnostics (file, 1-based line and column, code, message).</summary>
    public ImmutableArray<QSharpDiagnostic> Diagnostics { get; }
}

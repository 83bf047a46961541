namespace QSan.Quantum.Bridge;

/// <summary>A folder is not a loadable Q# project (no <c>qsharp.json</c>, no <c>src/**/*.qs</c>, bad manifest).</summary>
public sealed class QSharpProjectException : QSharpBridgeException
{
    /// <summary>Creates the exception for the project folder.</summary>
    public QSharpProjectException(string directory, string message, Exception? innerException = null)
        : base(message, innerException) => Directory = directory;

    /// <summary>The project folder.</summary>
    public string Directory { get; }
}

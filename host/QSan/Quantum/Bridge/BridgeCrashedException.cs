namespace QSan.Quantum.Bridge;

/// <summary>The bridge's Node process exited while a call was waiting for it; the next call starts a new one.</summary>
public sealed class BridgeCrashedException : QSharpBridgeException
{
    /// <summary>Creates the exception with the process's exit code and the tail of its error output.</summary>
    public BridgeCrashedException(string message, int? exitCode, string errorTail) : base(message)
    {
        ExitCode = exitCode;
        ErrorTail = errorTail;
    }

    /// <summary>The process's exit code, when it could be read.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines the process wrote to stderr.</summary>
    public string ErrorTail { get; }
}

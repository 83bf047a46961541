using System.Collections.Immutable;

namespace QSan.Quantum.Bridge;

/// <summary>Base of every error raised by the Q# bridge; its message says what to do about it.</summary>
public class QSharpBridgeException : QSanException
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public QSharpBridgeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public QSharpBridgeException(string message, Exception? innerException) : base(message, innerException) { }
}

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

/// <summary>A Q# program failed while it ran (e.g. <c>fail</c>, or a qubit released while not in |0⟩).</summary>
public sealed class QSharpRuntimeException : QSharpBridgeException
{
    /// <summary>Creates the exception from the simulator's error.</summary>
    public QSharpRuntimeException(QSharpError error, string message) : base(message) => Error = error;

    /// <summary>The simulator's error, with its location and call stack.</summary>
    public QSharpError Error { get; }
}

/// <summary>A folder is not a loadable Q# project (no <c>qsharp.json</c>, no <c>src/**/*.qs</c>, bad manifest).</summary>
public sealed class QSharpProjectException : QSharpBridgeException
{
    /// <summary>Creates the exception for the project folder.</summary>
    public QSharpProjectException(string directory, string message, Exception? innerException = null)
        : base(message, innerException) => Directory = directory;

    /// <summary>The project folder.</summary>
    public string Directory { get; }
}

/// <summary>Node.js could not be started from the configured path.</summary>
public sealed class NodeNotFoundException : QSharpBridgeException
{
    /// <summary>Creates the exception for the node executable that was tried.</summary>
    public NodeNotFoundException(string nodePath, Exception? innerException = null)
        : base($"Node.js was not found at '{nodePath}'. The Q# bridge needs Node.js {NodeRuntime.MinimumMajorVersion} or later: " +
               $"install it and put 'node' on PATH, or set the {NodeRuntime.NodeEnvironmentVariable} environment variable " +
               "(or QSharpBridgeOptions.NodePath) to the full path of the node executable.", innerException)
        => NodePath = nodePath;

    /// <summary>The node executable that was tried.</summary>
    public string NodePath { get; }
}

/// <summary>The configured Node.js is older than the bridge supports.</summary>
public sealed class NodeTooOldException : QSharpBridgeException
{
    /// <summary>Creates the exception for the node executable and the version it reported.</summary>
    public NodeTooOldException(string nodePath, string version)
        : base($"Node.js at '{nodePath}' is {version}, but the Q# bridge needs Node.js {NodeRuntime.MinimumMajorVersion} or later. " +
               $"Install a newer Node.js, or set the {NodeRuntime.NodeEnvironmentVariable} environment variable to a newer node executable.")
    {
        NodePath = nodePath;
        Version = version;
    }

    /// <summary>The node executable that was tried.</summary>
    public string NodePath { get; }

    /// <summary>What <c>node --version</c> printed.</summary>
    public string Version { get; }
}

/// <summary>Installing the bridge's npm packages (<c>npm ci</c>) failed.</summary>
public sealed class NpmInstallException : QSharpBridgeException
{
    /// <summary>Creates the exception for the bridge folder, npm's exit code and the tail of its error output.</summary>
    public NpmInstallException(string directory, string detail, string errorTail, Exception? innerException = null)
        : base($"Installing the Q# bridge's npm packages ('npm ci' in '{directory}') failed: {detail}. " +
               "Check that the folder holds package.json and package-lock.json and that the npm registry can be reached, " +
               $"then run 'npm ci' there by hand.{(errorTail.Length == 0 ? "" : $"{Environment.NewLine}npm said:{Environment.NewLine}{errorTail}")}",
               innerException)
    {
        Directory = directory;
        ErrorTail = errorTail;
    }

    /// <summary>The bridge folder that npm ran in.</summary>
    public string Directory { get; }

    /// <summary>The last lines npm wrote to stderr.</summary>
    public string ErrorTail { get; }
}

/// <summary>The bridge did not answer in time; its process was killed and the next call starts a new one.</summary>
public sealed class BridgeTimeoutException : QSharpBridgeException
{
    /// <summary>Creates the exception for the command that timed out.</summary>
    public BridgeTimeoutException(string command, TimeSpan timeout)
        : base($"The Q# bridge did not answer the '{command}' call within {timeout.TotalSeconds:0.###} s; its Node process was killed " +
               "and the next call starts a new one. Give the call a longer timeout if the program is expected to run this long.")
    {
        Command = command;
        Timeout = timeout;
    }

    /// <summary>The protocol command that timed out.</summary>
    public string Command { get; }

    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}

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

/// <summary>
/// The bridge rejected a request or failed in an unexpected way (kind <c>protocol</c> or <c>internal</c>):
/// a bug in the host or the bridge rather than in the Q# program.
/// </summary>
public sealed class BridgeProtocolException : QSharpBridgeException
{
    /// <summary>Creates the exception with the error kind the bridge reported.</summary>
    public BridgeProtocolException(string kind, string message) : base(message) => Kind = kind;

    /// <summary>The error kind the bridge reported, e.g. <c>protocol</c> or <c>internal</c>.</summary>
    public string Kind { get; }
}

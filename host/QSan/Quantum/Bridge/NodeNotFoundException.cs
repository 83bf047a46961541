namespace QSan.Quantum.Bridge;

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

namespace QSan.Quantum.Bridge;

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

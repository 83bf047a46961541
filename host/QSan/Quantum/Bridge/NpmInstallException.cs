namespace QSan.Quantum.Bridge;

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

using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace QSan.Quantum.Bridge;

/// <summary>Finds the node executable and checks its version before the bridge is started.</summary>
internal static partial class NodeRuntime
{
    /// <summary>qsharp-lang's WASM loader and the bridge's ES module syntax need Node 18 or later.</summary>
    public const int MinimumMajorVersion = 18;

    /// <summary>Overrides the default <c>node</c> when <see cref="QSharpBridgeOptions.NodePath"/> is not set.</summary>
    public const string NodeEnvironmentVariable = "QSAN_NODE";

    /// <summary>The configured node name or path: the option, else the environment variable, else <c>node</c>.</summary>
    public static string Configured(string? optionPath)
    {
        if (!string.IsNullOrWhiteSpace(optionPath)) return optionPath;
        var fromEnvironment = Environment.GetEnvironmentVariable(NodeEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? "node" : fromEnvironment;
    }

    /// <summary>Resolves the node executable and checks that it runs and is recent enough; returns its full path.</summary>
    /// <exception cref="NodeNotFoundException">It is not there or cannot be started.</exception>
    /// <exception cref="NodeTooOldException">It is older than <see cref="MinimumMajorVersion"/>.</exception>
    public static string Resolve(string configured, TimeSpan timeout)
    {
        var path = ProcessRunner.FindExecutable(configured) ?? throw new NodeNotFoundException(configured);
        ProcessRunner.Outcome outcome;
        try
        {
            outcome = ProcessRunner.Run(path, ["--version"], null, timeout);
        }
        catch (Win32Exception e)
        {
            throw new NodeNotFoundException(path, e);
        }
        var version = outcome.Output.Trim();
        if (outcome.ExitCode != 0 || ParseMajor(version) is not { } major)
        {
            throw new QSharpBridgeException(
                $"'{path} --version' did not print a Node.js version (exit code {outcome.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none: timed out"}, " +
                $"output '{version}'). Set {NodeEnvironmentVariable} to a Node.js {MinimumMajorVersion}+ executable.{Environment.NewLine}{outcome.ErrorTail}");
        }
        if (major < MinimumMajorVersion) throw new NodeTooOldException(path, version);
        return path;
    }

    /// <summary>The major version of a <c>node --version</c> line such as <c>v20.11.1</c>.</summary>
    public static int? ParseMajor(string version)
    {
        var match = VersionPattern().Match(version);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
    }

    [GeneratedRegex(@"^v?(\d+)\.\d+\.\d+")]
    private static partial Regex VersionPattern();
}

namespace QSan.Quantum.Bridge;

/// <summary>How <see cref="QSharpBridge.Start"/> finds and runs the Node bridge.</summary>
public sealed record QSharpBridgeOptions
{
    /// <summary>
    /// The node executable: a path or a name looked up on PATH. When null, the <c>QSAN_NODE</c> environment
    /// variable if set, otherwise <c>node</c>.
    /// </summary>
    public string? NodePath { get; init; }

    /// <summary>
    /// The npm executable used to install the bridge's packages when they are missing. When null, the <c>QSAN_NPM</c>
    /// environment variable if set, otherwise the npm beside the node executable, otherwise <c>npm</c> on PATH.
    /// </summary>
    public string? NpmPath { get; init; }

    /// <summary>
    /// The folder holding <c>bridge.mjs</c>, <c>package.json</c> and <c>package-lock.json</c>. When null:
    /// <c>qsharp-bridge/</c> beside the application (a published folder), otherwise <c>quantum/bridge/</c> in the
    /// first folder above the application that has one (the repository, for <c>dotnet run</c> and tests).
    /// </summary>
    public string? BridgeDirectory { get; init; }

    /// <summary>How long one call may take before the process is killed; per-call timeouts override it.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long starting the process (loading the compiler) may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long installing the npm packages may take.</summary>
    public TimeSpan NpmInstallTimeout { get; init; } = TimeSpan.FromMinutes(10);
}

namespace QSan.Quantum.Bridge;

/// <summary>Finds the folder holding <c>bridge.mjs</c> and its npm manifest.</summary>
internal static class BridgeLocator
{
    /// <summary>Where a published application carries the bridge (see the publish target in QSan.csproj).</summary>
    public const string PublishedFolderName = "qsharp-bridge";

    public const string ScriptName = "bridge.mjs";

    /// <summary>The configured folder, else <c>qsharp-bridge/</c> beside the app, else <c>quantum/bridge/</c> above it.</summary>
    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            if (!File.Exists(Path.Combine(full, ScriptName)))
                throw new QSharpBridgeException($"'{full}' is not the Q# bridge folder: it has no {ScriptName}. Point QSharpBridgeOptions.BridgeDirectory at the repository's quantum/bridge folder.");
            return full;
        }

        var baseDirectory = AppContext.BaseDirectory;
        var published = Path.Combine(baseDirectory, PublishedFolderName);
        if (File.Exists(Path.Combine(published, ScriptName))) return published;
        foreach (var start in SourceFolders.SearchStarts())
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "quantum", "bridge");
                if (File.Exists(Path.Combine(candidate, ScriptName))) return candidate;
            }
        throw new QSharpBridgeException(
            $"The Q# bridge (quantum/bridge/{ScriptName}) was not found in '{published}' nor in any folder above '{baseDirectory}'. " +
            "Run QSan from its repository or from a published folder, or set QSharpBridgeOptions.BridgeDirectory.");
    }
}

namespace QSan.Azure.Connection;

/// <summary>A workspace and how to authenticate to it, with where the settings came from (for messages).</summary>
/// <param name="Connection">The workspace.</param>
/// <param name="Credential">The credential.</param>
/// <param name="Sources">Where the settings were found, e.g. "options, environment".</param>
public sealed record ResolvedWorkspace(WorkspaceConnection Connection, WorkspaceCredential Credential, string Sources);

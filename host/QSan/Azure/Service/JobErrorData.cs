namespace QSan.Azure.Service;

/// <summary>A failed job's error (REST spec: Errors.WorkspaceItemError).</summary>
/// <param name="Code">A service error code.</param>
/// <param name="Message">What went wrong.</param>
public sealed record JobErrorData(string? Code, string? Message);

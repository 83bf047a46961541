namespace QSan.Azure.Targets;

/// <summary>A target that is retired, or that the workspace does not offer; the message names the current ones.</summary>
public sealed class TargetRetiredException : QSanException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="target">The target asked for.</param>
    /// <param name="reason">Why it cannot be used.</param>
    /// <param name="current">The targets to use instead.</param>
    public TargetRetiredException(string target, string reason, IReadOnlyList<string> current)
        : base($"{target} cannot be used: {reason}. Current targets: {string.Join(", ", current ?? [])}.")
    {
        Target = target;
        Current = current ?? [];
    }

    /// <summary>The target asked for.</summary>
    public string Target { get; }

    /// <summary>The targets to use instead.</summary>
    public IReadOnlyList<string> Current { get; }
}

namespace QSan.Quantum.Bridge;

/// <summary>A compiler or runtime diagnostic reported by the Q# compiler.</summary>
/// <param name="File">The source name (<see cref="QSharpSource.Name"/>), or <c>&lt;entry&gt;</c> for the entry expression.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Code">The compiler's error code, e.g. <c>Qdk.Qsc.Parse.Token</c>.</param>
/// <param name="Message">The compiler's message.</param>
public sealed record QSharpDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    /// <summary>Formats the diagnostic the way compilers print them: <c>path(line,column): error code: message</c>.</summary>
    /// <param name="path">The path to show for <see cref="File"/>; the source name when null.</param>
    public string Format(string? path = null)
    {
        var code = Code.StartsWith("Qdk.", StringComparison.Ordinal) ? Code["Qdk.".Length..] : Code;
        var prefix = code.Length == 0 ? "error" : $"error {code}";
        return $"{path ?? File}({Line},{Column}): {prefix}: {Message}";
    }

    /// <inheritdoc/>
    public override string ToString() => Format();
}

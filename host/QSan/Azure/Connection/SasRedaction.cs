using System.Text.RegularExpressions;

namespace QSan.Azure.Connection;

/// <summary>Hides the signature of SAS URLs (the part that grants access) before anything is printed or thrown.</summary>
public static partial class SasRedaction
{
    [GeneratedRegex(@"(?<=[?&]sig=)[^&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Signature();

    /// <summary><paramref name="text"/> with every <c>sig=…</c> value replaced by REDACTED.</summary>
    public static string Redact(string? text) => text is null ? "" : Signature().Replace(text, "REDACTED");
}

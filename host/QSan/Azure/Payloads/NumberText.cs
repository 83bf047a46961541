using System.Globalization;

namespace QSan.Azure.Payloads;

/// <summary>Angles as text that reads back to the same double in JSON, OpenQASM 2.0 and LLVM IR.</summary>
internal static class NumberText
{
    /// <summary>Shortest round-trip decimal with a '.' in the mantissa (OpenQASM and LLVM need one: "1.0", "1.5E-05").</summary>
    public static string Decimal(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Angles must be finite.");
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        if (!mantissa.Contains('.', StringComparison.Ordinal)) mantissa += ".0";
        return e < 0 ? mantissa : mantissa + text[e..];
    }
}

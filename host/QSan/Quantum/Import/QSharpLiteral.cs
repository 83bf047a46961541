using System.Globalization;

namespace QSan.Quantum.Import;

/// <summary>Writes host values as Q# literals for generated sources (probes, batches, hardware entry points).</summary>
public static class QSharpLiteral
{
    /// <summary>A Q# Double literal that reads back as exactly <paramref name="value"/>.</summary>
    public static string Double(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"Q# has no literal for {value}.", nameof(value));
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // Q# needs a decimal point or an exponent to read a Double ("1" is an Int).
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>A Q# <c>Double[]</c> literal.</summary>
    public static string DoubleArray(ReadOnlySpan<double> values)
    {
        var parts = new string[values.Length];
        for (var i = 0; i < values.Length; i++) parts[i] = Double(values[i]);
        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>A Q# <c>Pauli</c> literal.</summary>
    public static string Pauli(Circuits.Pauli pauli) => "Pauli" + pauli;
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace QSan.Quantum.Import;

/// <summary>
/// The straight-line part of a base-profile QIR program: its quantum intrinsic calls in order and the
/// declared qubit count. Base profile has no classical control flow inside the entry block, which is what
/// makes a Q# circuit importable as a template.
/// </summary>
/// <param name="QubitCount">The entry point's <c>required_num_qubits</c>.</param>
/// <param name="Calls">The <c>__quantum__qis__*</c> calls of the entry point, in order.</param>
public sealed partial record QirProgram(int QubitCount, ImmutableArray<QirCall> Calls)
{
    [GeneratedRegex(@"^\s*call\s+\S+\s+@__quantum__qis__(?<name>\w+?)\((?<args>.*)\)\s*(#\d+)?\s*$")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"""required_num_qubits""=""(?<n>\d+)""")]
    private static partial Regex QubitCountPattern();

    [GeneratedRegex(@"^double\s+(?<v>\S+)$")]
    private static partial Regex DoublePattern();

    [GeneratedRegex(@"^%(?<kind>Qubit|Result)\*\s+(?:null|inttoptr\s*\(i64\s+(?<id>\d+)\s+to\s+%(?:Qubit|Result)\*\))$")]
    private static partial Regex PointerPattern();

    /// <summary>Parses QIR text; throws <see cref="CircuitImportException"/> naming the line on anything it does not understand.</summary>
    /// <param name="qir">The QIR (LLVM IR text).</param>
    /// <param name="origin">What the QIR was compiled from, for messages.</param>
    public static QirProgram Parse(string qir, string origin)
    {
        var qubitMatch = QubitCountPattern().Match(qir);
        if (!qubitMatch.Success)
            throw new CircuitImportException($"{origin}: the QIR has no \"required_num_qubits\" attribute; is it base-profile QIR?");
        var calls = ImmutableArray.CreateBuilder<QirCall>();
        var lines = qir.Split('\n');
        var inEntry = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            // Base-profile QIR defines one function, the entry point; everything else is a declaration.
            if (line.StartsWith("define ", StringComparison.Ordinal)) inEntry = true;
            if (line.StartsWith('}')) inEntry = false;
            if (!inEntry) continue;
            var m = CallPattern().Match(line);
            if (!m.Success) continue;
            calls.Add(ParseCall(m.Groups["name"].Value, m.Groups["args"].Value, i + 1, origin));
        }
        return new QirProgram(int.Parse(qubitMatch.Groups["n"].Value, CultureInfo.InvariantCulture), calls.ToImmutable());
    }

    private static QirCall ParseCall(string name, string args, int line, string origin)
    {
        double? angle = null;
        var qubits = ImmutableArray.CreateBuilder<int>();
        var result = -1;
        foreach (var raw in SplitArguments(args))
        {
            var arg = raw.Trim();
            var d = DoublePattern().Match(arg);
            if (d.Success)
            {
                angle = ParseDouble(d.Groups["v"].Value) ?? throw new CircuitImportException($"{origin}, QIR line {line}: cannot read the angle '{arg}' of __quantum__qis__{name}.");
                continue;
            }
            var p = PointerPattern().Match(arg);
            if (!p.Success) throw new CircuitImportException($"{origin}, QIR line {line}: unsupported argument '{arg}' of __quantum__qis__{name}.");
            var id = p.Groups["id"].Success ? int.Parse(p.Groups["id"].Value, CultureInfo.InvariantCulture) : 0; // null is id 0
            if (p.Groups["kind"].Value == "Qubit") qubits.Add(id); else result = id;
        }
        return new QirCall(name, angle, qubits.ToImmutable(), result, line);
    }

    // Arguments contain parentheses (inttoptr (...)) but never nested commas at depth 0 other than separators.
    private static IEnumerable<string> SplitArguments(string args)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return args[start..i];
                    start = i + 1;
                    break;
            }
        }
        if (args.Length > start) yield return args[start..];
    }

    // LLVM writes doubles either as decimals or as 64-bit hex patterns (0x3FB999999999999A).
    private static double? ParseDouble(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits))
            return BitConverter.Int64BitsToDouble(bits);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

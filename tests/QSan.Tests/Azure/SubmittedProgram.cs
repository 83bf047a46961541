using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QSan.Quantum.Circuits;
using QSan.Quantum.Import;

namespace QSan.Tests.Azure;

/// <summary>
/// Reads a submitted input blob back into gates, independently of the writers under test: IonQ JSON, OpenQASM 2.0, or
/// base-profile QIR (via the importer's parser). Every format measures all qubits at the end, result i = qubit i.
/// </summary>
internal static partial class SubmittedProgram
{
    [GeneratedRegex(@"^(?<g>[a-z]+)(\((?<a>[^)]*)\))?\s+q\[(?<q0>\d+)\](\s*,\s*q\[(?<q1>\d+)\])?;$")]
    private static partial Regex QasmGate();

    [GeneratedRegex(@"^measure q\[(?<q>\d+)\] -> c\[(?<c>\d+)\];$")]
    private static partial Regex QasmMeasure();

    public static CircuitTemplate Read(string format, byte[] data) => format switch
    {
        "ionq.circuit.v1" => IonQ(JsonNode.Parse(data)!.AsObject()),
        "honeywell.openqasm.v1" => Qasm(System.Text.Encoding.UTF8.GetString(data)),
        "qir.v1" => Qir(System.Text.Encoding.UTF8.GetString(data)),
        _ => throw new InvalidDataException($"The fake service does not run {format}."),
    };

    public static CircuitTemplate IonQ(JsonObject json)
    {
        if (json["gateset"]?.GetValue<string>() != "qis") throw new InvalidDataException("gateset must be qis");
        var n = json["qubits"]!.GetValue<int>();
        var gates = new List<Gate>();
        foreach (var g in json["circuit"]!.AsArray())
        {
            var name = g!["gate"]!.GetValue<string>();
            var targets = g["targets"]!.AsArray().Select(t => t!.GetValue<int>()).ToArray();
            var controls = g["controls"]?.AsArray().Select(t => t!.GetValue<int>()).ToArray();
            var angle = g["rotation"]?.GetValue<double>() ?? 0;
            gates.Add((name, controls) switch
            {
                ("x", [var c]) => new Gate(GateKind.Cx, c, targets[0]),
                ("z", [var c]) => new Gate(GateKind.Cz, c, targets[0]),
                ("swap", null) => new Gate(GateKind.Swap, targets[0], targets[1]),
                (_, null) => new Gate(Single(name), targets[0], Angle: Single(name).IsRotation() ? AngleSource.Constant(angle) : default),
                _ => throw new InvalidDataException($"Unexpected IonQ gate {g.ToJsonString()}"),
            });
        }
        return new CircuitTemplate("ionq", n, 0, 0, [.. gates]);
    }

    public static CircuitTemplate Qasm(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines[0] != "OPENQASM 2.0;" || lines[1] != "include \"qelib1.inc\";") throw new InvalidDataException("not an OpenQASM 2.0 program");
        var n = int.Parse(Regex.Match(lines[2], @"^qreg q\[(\d+)\];$").Groups[1].Value, CultureInfo.InvariantCulture);
        if (lines[3] != $"creg c[{n}];") throw new InvalidDataException("expected one classical register c of the program's size");
        var gates = new List<Gate>();
        var measured = new List<int>();
        foreach (var line in lines.Skip(4))
        {
            if (QasmMeasure().Match(line) is { Success: true } m)
            {
                if (m.Groups["q"].Value != m.Groups["c"].Value) throw new InvalidDataException("qubit i must go to c[i]");
                measured.Add(int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture));
                continue;
            }
            var g = QasmGate().Match(line);
            if (!g.Success || measured.Count > 0) throw new InvalidDataException($"unexpected line '{line}'");
            var q0 = int.Parse(g.Groups["q0"].Value, CultureInfo.InvariantCulture);
            var name = g.Groups["g"].Value;
            gates.Add(name switch
            {
                "cx" => new Gate(GateKind.Cx, q0, int.Parse(g.Groups["q1"].Value, CultureInfo.InvariantCulture)),
                "cz" => new Gate(GateKind.Cz, q0, int.Parse(g.Groups["q1"].Value, CultureInfo.InvariantCulture)),
                "swap" => new Gate(GateKind.Swap, q0, int.Parse(g.Groups["q1"].Value, CultureInfo.InvariantCulture)),
                "sdg" => new Gate(GateKind.SAdj, q0),
                "tdg" => new Gate(GateKind.TAdj, q0),
                _ => new Gate(Single(name), q0, Angle: g.Groups["a"].Success ? AngleSource.Constant(double.Parse(g.Groups["a"].Value, CultureInfo.InvariantCulture)) : default),
            });
        }
        if (!measured.SequenceEqual(Enumerable.Range(0, n))) throw new InvalidDataException("every qubit must be measured, in order");
        return new CircuitTemplate("qasm", n, 0, 0, [.. gates]);
    }

    public static CircuitTemplate Qir(string text)
    {
        var program = QirProgram.Parse(text, "submitted QIR");
        var gates = new List<Gate>();
        var measured = new List<int>();
        foreach (var call in program.Calls)
        {
            if (call.Intrinsic is "m__body" or "mresetz__body")
            {
                if (call.Qubits[0] != call.Result) throw new InvalidDataException("qubit i must go to result i");
                measured.Add(call.Qubits[0]);
                continue;
            }
            var kind = call.Intrinsic switch
            {
                "s__adj" => GateKind.SAdj,
                "t__adj" => GateKind.TAdj,
                "cx__body" or "cnot__body" => GateKind.Cx,
                "cz__body" => GateKind.Cz,
                "swap__body" => GateKind.Swap,
                _ => Single(call.Intrinsic.Replace("__body", "", StringComparison.Ordinal)),
            };
            gates.Add(new Gate(kind, call.Qubits[0], call.Qubits.Length > 1 ? call.Qubits[1] : -1, kind.IsRotation() ? AngleSource.Constant(call.Angle!.Value) : default));
        }
        if (!measured.Order().SequenceEqual(Enumerable.Range(0, program.QubitCount))) throw new InvalidDataException("every qubit must be measured once");
        return new CircuitTemplate("qir", program.QubitCount, 0, 0, [.. gates]);
    }

    private static GateKind Single(string name) => name switch
    {
        "h" => GateKind.H, "x" => GateKind.X, "y" => GateKind.Y, "z" => GateKind.Z, "s" => GateKind.S, "si" => GateKind.SAdj,
        "t" => GateKind.T, "ti" => GateKind.TAdj, "rx" => GateKind.Rx, "ry" => GateKind.Ry, "rz" => GateKind.Rz,
        _ => throw new InvalidDataException($"unknown gate '{name}'"),
    };
}

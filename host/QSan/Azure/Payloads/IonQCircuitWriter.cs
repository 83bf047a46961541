using System.Text.Json;
using System.Text.Json.Nodes;
using QSan.Azure.Results;
using QSan.Quantum.Circuits;
using QSan.Quantum.Shots;

namespace QSan.Azure.Payloads;

/// <summary>
/// Writes a program as IonQ's JSON circuit, gate set "qis": {"gateset": "qis", "qubits": n, "circuit": [...]}, rotations
/// with "rotation" in radians, controlled gates as {"gate": "x", "controls": [c], "targets": [t]}, S† and T† as "si"/"ti".
/// IonQ measures every qubit at the end. Gate names as azure-quantum-python writes them (qiskit/backends/_qiskit_ionq.py:
/// ionq_api_aliases, controlled gates with the leading "c" trimmed); job formats from its IonQ target (target/ionq.py).
/// </summary>
public static class IonQCircuitWriter
{
    /// <summary>The input format.</summary>
    public const string InputFormat = "ionq.circuit.v1";

    /// <summary>The circuit JSON for a program.</summary>
    public static JsonObject Circuit(PackedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Circuit(program.ToConstantCircuit());
    }

    /// <summary>The circuit JSON for constant-angle gates.</summary>
    public static JsonObject Circuit(CircuitTemplate circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var gates = new JsonArray();
        foreach (var g in circuit.Gates) gates.Add(Gate(g));
        return new JsonObject { ["gateset"] = "qis", ["qubits"] = circuit.QubitCount, ["circuit"] = gates };
    }

    /// <summary>The job payload: JSON blob, <c>ionq.circuit.v1</c> → <c>ionq.quantum-results.v1</c>, <c>inputParams.shots</c>.</summary>
    public static JobPayload Payload(PackedProgram program, int shots)
    {
        ArgumentNullException.ThrowIfNull(program);
        var json = Circuit(program).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        return new JobPayload(InputFormat, OutputFormats.IonQ, "application/json", System.Text.Encoding.UTF8.GetBytes(json),
            new JsonObject { ["shots"] = shots }, ".json", program.QubitCount);
    }

    private static JsonObject Gate(Gate g)
    {
        if (g.Kind.IsRotation() && g.Angle.Kind != SlotKind.Constant) throw new ArgumentException($"Gate {g} reads a slot; IonQ circuits need constant angles.");
        return g.Kind switch
        {
            GateKind.Cx => Controlled("x", g),
            GateKind.Cz => Controlled("z", g),
            GateKind.Swap => new JsonObject { ["gate"] = "swap", ["targets"] = new JsonArray(g.Qubit, g.Target) },
            GateKind.Rx or GateKind.Ry or GateKind.Rz => new JsonObject { ["gate"] = Name(g.Kind), ["targets"] = new JsonArray(g.Qubit), ["rotation"] = g.Angle.Offset },
            _ => new JsonObject { ["gate"] = Name(g.Kind), ["targets"] = new JsonArray(g.Qubit) },
        };
    }

    private static JsonObject Controlled(string name, Gate g) =>
        new() { ["gate"] = name, ["controls"] = new JsonArray(g.Qubit), ["targets"] = new JsonArray(g.Target) };

    /// <summary>The "qis" name of a single-qubit gate.</summary>
    public static string Name(GateKind kind) => kind switch
    {
        GateKind.SAdj => "si",
        GateKind.TAdj => "ti",
        GateKind.Cx or GateKind.Cz or GateKind.Swap => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Two-qubit gates are written with controls."),
        _ => kind.ToString().ToLowerInvariant(),
    };
}

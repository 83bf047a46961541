using System.Text;
using System.Text.Json.Nodes;
using QSan.Azure.Results;
using QSan.Quantum.Circuits;
using QSan.Quantum.Shots;

namespace QSan.Azure.Payloads;

/// <summary>
/// Writes a program as OpenQASM 2.0 for Quantinuum: one quantum register q and one classical register c of the program's
/// size, the gates (qelib1 names: h, x, y, z, s, sdg, t, tdg, rx, ry, rz, cx, cz, swap), then <c>measure q[i] -&gt; c[i]</c>
/// for every qubit. Job formats and the shot parameter as in azure-quantum-python (target/quantinuum.py): since February
/// 2026 (commit 1842431, "Align all providers to use shots") the SDK sends the shots as <c>shots</c>, no longer <c>count</c>.
/// </summary>
public static class OpenQasmWriter
{
    /// <summary>The input format.</summary>
    public const string InputFormat = "honeywell.openqasm.v1";

    /// <summary>The program text.</summary>
    public static string Program(PackedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Program(program.ToConstantCircuit());
    }

    /// <summary>The program text for constant-angle gates.</summary>
    public static string Program(CircuitTemplate circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var text = new StringBuilder();
        text.Append("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        text.Append($"qreg q[{circuit.QubitCount}];\ncreg c[{circuit.QubitCount}];\n");
        foreach (var g in circuit.Gates)
        {
            if (g.Kind.IsRotation() && g.Angle.Kind != SlotKind.Constant) throw new ArgumentException($"Gate {g} reads a slot; OpenQASM programs need constant angles.", nameof(circuit));
            text.Append(g.Kind switch
            {
                GateKind.Rx or GateKind.Ry or GateKind.Rz => $"{Name(g.Kind)}({NumberText.Decimal(g.Angle.Offset)}) q[{g.Qubit}];\n",
                GateKind.Cx or GateKind.Cz or GateKind.Swap => $"{Name(g.Kind)} q[{g.Qubit}],q[{g.Target}];\n",
                _ => $"{Name(g.Kind)} q[{g.Qubit}];\n",
            });
        }
        for (var q = 0; q < circuit.QubitCount; q++) text.Append($"measure q[{q}] -> c[{q}];\n");
        return text.ToString();
    }

    /// <summary>The job payload: <c>honeywell.openqasm.v1</c> → <c>honeywell.quantum-results.v1</c>, <c>inputParams.shots</c>.</summary>
    public static JobPayload Payload(PackedProgram program, int shots)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new JobPayload(InputFormat, OutputFormats.Quantinuum, "application/qasm", Encoding.UTF8.GetBytes(Program(program)),
            new JsonObject { ["shots"] = shots }, ".qasm", program.QubitCount);
    }

    /// <summary>The qelib1 name of a gate.</summary>
    public static string Name(GateKind kind) => kind switch
    {
        GateKind.SAdj => "sdg",
        GateKind.TAdj => "tdg",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

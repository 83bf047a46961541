using QSan.Quantum.Bridge;
using QSan.Quantum.Circuits;
using QSan.Quantum.Import;

namespace QSan.Quantum.Qsann;

/// <summary>One whole QSANN circuit as a hardware program: base-profile QIR compiled from the Q# project.</summary>
/// <param name="Name">E.g. "query", "key", "value[Y]".</param>
/// <param name="Branch">"query", "key" or "value".</param>
/// <param name="Basis">The measurement basis (Z for query and key).</param>
/// <param name="EntryExpression">The Q# call compiled as the entry point.</param>
/// <param name="Qir">The QIR text, as Azure Quantum's <c>qir.v1</c> targets accept it.</param>
public sealed record HardwareCircuit(string Name, string Branch, Pauli Basis, string EntryExpression, string Qir);

/// <summary>
/// Compiles the hardware circuits of one token (query, key, and the value in each of its measurement bases)
/// from the Q# project's <c>QSan.Circuits</c> entry points, with concrete angles.
/// </summary>
/// <param name="bridge">The running bridge.</param>
/// <param name="project">The Q# project.</param>
public sealed class QsannHardwareCircuits(QSharpBridge bridge, QSharpProject project)
{
    private const string EntryFileName = "src/QSanGenerated/HardwareEntry.qs";

    /// <summary>The value circuit's distinct measurement bases, as the Q# project defines them.</summary>
    public IReadOnlyList<Pauli> ValueBases(int numQubits, int depth)
    {
        var shot = bridge.RunShots(project, $"{QsannEntryPoints.ValueMeasurementBases}({numQubits}, {depth})", 1)[0];
        if (!shot.Success) throw new CircuitImportException($"{QsannEntryPoints.ValueMeasurementBases} failed in Q#: {shot.Error?.Describe()}");
        return System.Text.RegularExpressions.Regex.Matches(shot.Result ?? "", @"Pauli(?<p>[IXYZ])").Select(m => Enum.Parse<Pauli>(m.Groups["p"].Value)).ToArray();
    }

    /// <summary>Compiles the token's circuits: query, key, then one value circuit per basis.</summary>
    /// <param name="numQubits">n.</param>
    /// <param name="depth">D.</param>
    /// <param name="angles">The token's encoder angles.</param>
    /// <param name="weights">Query, key and value weights concatenated (the family's weight layout).</param>
    public IReadOnlyList<HardwareCircuit> Compile(int numQubits, int depth, ReadOnlySpan<double> angles, ReadOnlySpan<double> weights) =>
        [.. Calls(numQubits, depth, angles, weights).Select(c => c with
        {
            Qir = bridge.GetQir(project.WithExtraSource(EntryFileName, QsannCircuitImporter.EntrySource(c.EntryExpression))),
        })];

    /// <summary>The token's circuits as Q# calls (query, key, then one value circuit per basis), not yet compiled (empty <see cref="HardwareCircuit.Qir"/>).</summary>
    /// <param name="numQubits">n.</param>
    /// <param name="depth">D.</param>
    /// <param name="angles">The token's encoder angles.</param>
    /// <param name="weights">Query, key and value weights concatenated (the family's weight layout).</param>
    public IReadOnlyList<HardwareCircuit> Calls(int numQubits, int depth, ReadOnlySpan<double> angles, ReadOnlySpan<double> weights)
    {
        if (weights.Length % 3 != 0) throw new ArgumentException($"Expected query, key and value weights of equal length, got {weights.Length} in all.", nameof(weights));
        var per = weights.Length / 3;
        var y = QSharpLiteral.DoubleArray(angles);
        var circuits = new List<HardwareCircuit>();
        for (var b = 0; b < QsannEntryPoints.Branches.Length; b++)
        {
            var entry = QsannEntryPoints.Branches[b];
            var theta = QSharpLiteral.DoubleArray(weights.Slice(b * per, per));
            var bases = entry.Name == "value" ? ValueBases(numQubits, depth) : [Pauli.Z];
            foreach (var basis in bases)
            {
                var call = entry.Name == "value"
                    ? $"{entry.HardwareCircuit}({numQubits}, {depth}, {y}, {theta}, {QSharpLiteral.Pauli(basis)})"
                    : $"{entry.HardwareCircuit}({numQubits}, {depth}, {y}, {theta})";
                var name = entry.Name == "value" ? $"value[{basis}]" : entry.Name;
                circuits.Add(new HardwareCircuit(name, entry.Name, basis, call, ""));
            }
        }
        return circuits;
    }
}

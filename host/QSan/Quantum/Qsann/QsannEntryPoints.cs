using QSan.Quantum.Circuits;

namespace QSan.Quantum.Qsann;

/// <summary>
/// The Q# callables the host relies on: the contract between <c>quantum/src</c> and the host. Their bodies
/// are free to change (the host re-imports them); their names and signatures are not.
/// </summary>
public static class QsannEntryPoints
{
    /// <summary><c>(numQubits, depth) → Int</c>: angles per token.</summary>
    public const string EncoderAngleCount = "QSan.Encoder.EncoderAngleCount";

    /// <summary><c>(numQubits, depth) → Int</c>: angles per query, key or value ansatz.</summary>
    public const string AnsatzParameterCount = "QSan.Ansatz.AnsatzParameterCount";

    /// <summary><c>(numQubits, depth, angles) → Result[]</c>: the encoder alone (imported as the prefix).</summary>
    public const string EncoderCircuit = "QSan.Circuits.EncoderCircuit";

    /// <summary><c>(numQubits, depth) → Pauli[]</c>: the value circuit's distinct measurement bases.</summary>
    public const string ValueMeasurementBases = "QSan.Measurement.ValueMeasurementBases";

    /// <summary>One branch's callables.</summary>
    /// <param name="Name">"query", "key" or "value".</param>
    /// <param name="AnsatzCircuit"><c>(numQubits, depth, theta) → Result[]</c>: the ansatz alone on |0ⁿ⟩ (imported as the branch).</param>
    /// <param name="Observables">Q# expression prefix; called as <c>(numQubits)</c> for query/key and <c>(numQubits, depth)</c> for value.</param>
    /// <param name="PrepareState"><c>(depth, angles, theta, qubits) → Unit</c>: encoder then ansatz (exact simulation).</param>
    /// <param name="HardwareCircuit"><c>(numQubits, depth, angles, theta[, basis]) → Result[]</c>: what Azure Quantum runs.</param>
    public sealed record Branch(string Name, string AnsatzCircuit, string Observables, string PrepareState, string HardwareCircuit)
    {
        /// <summary>The Q# expression giving the branch's observables as <c>(Pauli, Int)[]</c>.</summary>
        public string ObservablesExpression(int numQubits, int depth) =>
            Name == "value" ? $"{Observables}({numQubits}, {depth})" : $"{Observables}({numQubits})";
    }

    /// <summary>The query, key and value branches, in the order of <see cref="QsannCircuitFamily.BranchNames"/>.</summary>
    public static readonly Branch[] Branches =
    [
        new("query", "QSan.Circuits.QueryAnsatzCircuit", "QSan.Measurement.QueryObservables", "QSan.Circuits.PrepareQueryState", "QSan.Circuits.QueryCircuit"),
        new("key", "QSan.Circuits.KeyAnsatzCircuit", "QSan.Measurement.KeyObservables", "QSan.Circuits.PrepareKeyState", "QSan.Circuits.KeyCircuit"),
        new("value", "QSan.Circuits.ValueAnsatzCircuit", "QSan.Measurement.ValueObservables", "QSan.Circuits.PrepareValueState", "QSan.Circuits.ValueCircuit"),
    ];

    /// <summary>Reads Q# display text such as <c>[(PauliZ, 0), (PauliY, 1)]</c>.</summary>
    public static PauliTerm[] ParseObservables(string display)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(display, @"\(\s*Pauli(?<p>[IXYZ])\s*,\s*(?<q>-?\d+)\s*\)");
        var stripped = System.Text.RegularExpressions.Regex.Replace(display, @"\(\s*Pauli[IXYZ]\s*,\s*-?\d+\s*\)|[\[\],\s]", "");
        if (stripped.Length > 0) throw new FormatException($"Expected a Q# (Pauli, Int)[] value, got '{display}'.");
        return matches.Select(m => new PauliTerm(Enum.Parse<Pauli>(m.Groups["p"].Value), int.Parse(m.Groups["q"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
    }
}

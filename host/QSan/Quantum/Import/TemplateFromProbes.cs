using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Import;

/// <summary>
/// Recovers a <see cref="CircuitTemplate"/> from several compilations of the same Q# circuit with different
/// slot values ("probes"). Base-profile QIR folds all arithmetic into numbers, so each rotation angle is seen
/// only as a number per probe; the angle is identified as <c>a·slot + b</c> for the one slot that fits every probe.
/// </summary>
public static class TemplateFromProbes
{
    /// <summary>Probes needed: two fix a and b for a candidate slot, the third confirms it.</summary>
    public const int ProbeCount = 3;

    private const double Tolerance = 1e-9;

    /// <summary>Deterministic, pairwise-distinct slot values for the probes, away from 0 and from each other.</summary>
    public static double[][] ProbeValues(int slotCount)
    {
        var random = new Random(20220512);
        var probes = new double[ProbeCount][];
        for (var p = 0; p < ProbeCount; p++)
        {
            probes[p] = new double[slotCount];
            for (var s = 0; s < slotCount; s++)
                probes[p][s] = Math.Round(0.1 + 0.8 * random.NextDouble(), 12) + 1e-4 * s;
        }
        return probes;
    }

    /// <summary>Builds the template; throws <see cref="CircuitImportException"/> naming the gate when it cannot.</summary>
    /// <param name="name">Template name (the Q# callable), for messages.</param>
    /// <param name="kind">What the slots are: <see cref="SlotKind.Input"/> or <see cref="SlotKind.Weight"/>.</param>
    /// <param name="probes">The slot values of each probe (all the same length).</param>
    /// <param name="programs">The QIR of each probe, in the same order.</param>
    /// <param name="expectedQubits">The qubit count the circuit should use.</param>
    public static CircuitTemplate Build(string name, SlotKind kind, IReadOnlyList<double[]> probes, IReadOnlyList<QirProgram> programs, int expectedQubits)
    {
        if (probes.Count != programs.Count || probes.Count < ProbeCount)
            throw new ArgumentException($"Need {ProbeCount} probes with one program each, got {probes.Count} and {programs.Count}.");
        var slotCount = probes[0].Length;
        var first = programs[0];
        if (first.QubitCount != expectedQubits)
            throw new CircuitImportException($"{name}: the compiled circuit uses {first.QubitCount} qubits, expected {expectedQubits}. Mid-circuit measurement or reset makes the compiler add qubits; end the circuit with MResetEachZ and do not reuse qubits.");
        foreach (var other in programs.Skip(1))
            if (other.Calls.Length != first.Calls.Length || other.QubitCount != first.QubitCount
                || other.Calls.Zip(first.Calls).Any(c => c.First.Intrinsic != c.Second.Intrinsic || !c.First.Qubits.SequenceEqual(c.Second.Qubits)))
                throw new CircuitImportException($"{name}: the gate sequence changes with the angle values; only straight-line circuits whose structure does not depend on the angles can be imported.");

        var gates = ImmutableArray.CreateBuilder<Gate>();
        var measured = new HashSet<int>();
        for (var i = 0; i < first.Calls.Length; i++)
        {
            var call = first.Calls[i];
            if (IsMeasurement(call.Intrinsic))
            {
                measured.Add(call.Qubits[0]);
                continue;
            }
            var gateKind = ToGateKind(call, name);
            foreach (var q in call.Qubits)
                if (measured.Contains(q))
                    throw new CircuitImportException($"{name}, QIR line {call.Line}: __quantum__qis__{call.Intrinsic} acts on qubit {q} after it was measured; only end-of-program measurements are supported.");
            var angle = default(AngleSource);
            if (gateKind.IsRotation())
            {
                var values = programs.Select(p => p.Calls[i].Angle ?? double.NaN).ToArray();
                angle = RecoverAngle(values, probes, kind, slotCount)
                    ?? throw new CircuitImportException($"{name}, QIR line {call.Line}: the angle of __quantum__qis__{call.Intrinsic} on qubit {call.Qubits[0]} (values {string.Join(", ", values)}) is not an affine function of one {kind.ToString().ToLowerInvariant()} slot.");
            }
            gates.Add(new Gate(gateKind, call.Qubits[0], call.Qubits.Length > 1 ? call.Qubits[1] : -1, angle));
        }
        var inputs = kind == SlotKind.Input ? slotCount : 0;
        var weights = kind == SlotKind.Weight ? slotCount : 0;
        return new CircuitTemplate(name, expectedQubits, inputs, weights, gates.ToImmutable()).Validate();
    }

    private static AngleSource? RecoverAngle(double[] values, IReadOnlyList<double[]> probes, SlotKind kind, int slotCount)
    {
        if (values.Any(double.IsNaN)) return null;
        if (values.All(v => Math.Abs(v - values[0]) <= Tolerance * Math.Max(1, Math.Abs(values[0]))))
            return AngleSource.Constant(values[0]);
        AngleSource? found = null;
        for (var s = 0; s < slotCount; s++)
        {
            var dx = probes[0][s] - probes[1][s];
            if (dx == 0) continue;
            var a = (values[0] - values[1]) / dx;
            var b = values[0] - a * probes[0][s];
            var fits = true;
            for (var p = 2; p < probes.Count && fits; p++)
                fits = Math.Abs(a * probes[p][s] + b - values[p]) <= Tolerance * Math.Max(1, Math.Abs(values[p]));
            if (!fits) continue;
            if (found is not null) return null; // ambiguous: two slots fit; cannot happen with generic probes
            found = new AngleSource(kind, s, Snap(a), Snap(b));
        }
        return found;
    }

    // Recovered coefficients carry rounding noise in the last bits (0.1 comes back as 0.10000000000000017);
    // snap to the shortest decimal of at most 10 digits that lies within a few ulps, which is what the Q# source wrote.
    private static double Snap(double x)
    {
        for (var digits = 0; digits <= 10; digits++)
        {
            var rounded = Math.Round(x, digits);
            if (Math.Abs(rounded - x) <= 1e-14 * Math.Max(1, Math.Abs(x))) return rounded;
        }
        return x;
    }

    private static bool IsMeasurement(string intrinsic) => intrinsic is "m__body" or "mz__body" or "mresetz__body";

    private static GateKind ToGateKind(QirCall call, string name) => call.Intrinsic switch
    {
        "h__body" => GateKind.H,
        "x__body" => GateKind.X,
        "y__body" => GateKind.Y,
        "z__body" => GateKind.Z,
        "s__body" => GateKind.S,
        "s__adj" => GateKind.SAdj,
        "t__body" => GateKind.T,
        "t__adj" => GateKind.TAdj,
        "rx__body" => GateKind.Rx,
        "ry__body" => GateKind.Ry,
        "rz__body" => GateKind.Rz,
        "cx__body" or "cnot__body" => GateKind.Cx,
        "cz__body" => GateKind.Cz,
        "swap__body" => GateKind.Swap,
        "reset__body" => throw new CircuitImportException($"{name}, QIR line {call.Line}: __quantum__qis__reset__body resets a qubit mid-circuit; end circuits with MResetEachZ and do not reuse qubits."),
        _ => throw new CircuitImportException($"{name}, QIR line {call.Line}: unsupported gate __quantum__qis__{call.Intrinsic}. Supported: H, X, Y, Z, S, S†, T, T†, Rx, Ry, Rz, CNOT, CZ, SWAP and end-of-program measurements."),
    };
}

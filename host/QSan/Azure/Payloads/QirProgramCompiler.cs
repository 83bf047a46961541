using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QSan.Azure.Results;
using QSan.Quantum.Bridge;
using QSan.Quantum.Circuits;
using QSan.Quantum.Import;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Azure.Payloads;

/// <summary>
/// Base-profile QIR for packed programs, compiled by Microsoft's Q# compiler from the Q# project's own operations: a
/// generated entry point allocates the program's register, prepares every slot with <c>QSan.Circuits.Prepare*State</c> on
/// its slice, measures each slice with <c>QSan.Measurement.MeasureInBasis</c> and returns the results slot by slot.
/// A compilation costs ~130 ms, so the first program of each layout (slot kinds and bases) is compiled, checked gate by
/// gate against the templates, and later programs of that layout are made by writing their angles into its text.
/// </summary>
public sealed partial class QirProgramCompiler
{
    /// <summary>The input format (azure-quantum-python and the QDK's VS Code extension submit QIR as <c>qir.v1</c>).</summary>
    public const string InputFormat = "qir.v1";

    private const string EntryFileName = "src/QSanGenerated/AzureProgram.qs";
    private const double AngleTolerance = 1e-12;

    private readonly QSharpBridge bridge;
    private readonly QSharpProject project;
    private readonly ConcurrentDictionary<string, QirTemplate> templates = new();

    /// <summary>Compiles programs of the QSANN circuits of <paramref name="project"/> at ansatz depth <paramref name="depth"/>.</summary>
    public QirProgramCompiler(QSharpBridge bridge, QSharpProject project, int depth)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        this.bridge = bridge;
        this.project = project;
        Depth = depth;
    }

    /// <summary>The ansatz depth D passed to the Q# operations.</summary>
    public int Depth { get; }

    /// <summary>Compilations run so far (template reuse keeps this at one per layout).</summary>
    public int Compilations { get; private set; }

    [GeneratedRegex(@"double\s+(?<v>[-+0-9.eExXa-fA-F]+)")]
    private static partial Regex DoubleLiteral();

    [GeneratedRegex(@"^\s*define\s+\S+\s+@(?<name>[\w.]+)\(\)")]
    private static partial Regex EntryDefinition();

    [GeneratedRegex(@"@__quantum__rt__result_record_output\(%Result\*\s+(?:null|inttoptr\s*\(i64\s+(?<id>\d+))")]
    private static partial Regex ResultRecord();

    /// <summary>The QIR of <paramref name="program"/>: from the layout's template when there is one, else freshly compiled.</summary>
    public string Compile(PackedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var key = LayoutKey(program);
        if (templates.TryGetValue(key, out var template) && template.Fits(program)) return template.Instantiate(program);
        var qir = CompileFresh(program);
        templates[key] = QirTemplate.From(qir, program);
        return qir;
    }

    /// <summary>Compiles <paramref name="program"/> with the Q# compiler and checks the QIR against the templates.</summary>
    public string CompileFresh(PackedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var qir = bridge.GetQir(project.WithExtraSource(EntryFileName, EntrySource(program, Depth)));
        Compilations++;
        Verify(qir, program);
        return qir;
    }

    /// <summary>
    /// Checks that <paramref name="qir"/> is <paramref name="program"/>: gate by gate the templates' gates with the slots'
    /// angles, every qubit measured into its own result and recorded in order. Throws <see cref="CircuitImportException"/>
    /// naming the first difference.
    /// </summary>
    public static void Verify(string qir, PackedProgram program)
    {
        ArgumentNullException.ThrowIfNull(qir);
        ArgumentNullException.ThrowIfNull(program);
        QirTemplate.From(qir, program);
    }

    /// <summary>The job payload: QIR text uploaded as text/plain, <c>qir.v1</c> → <c>microsoft.quantum-results.v2</c>.</summary>
    /// <remarks>Input parameters as the QDK's VS Code extension sends them (source/vscode/src/azure/workspaceActions.ts,
    /// putJobData): entryPoint, arguments [] and shots (it, like azure-quantum-python since February 2026, no longer sends count).</remarks>
    public JobPayload Payload(PackedProgram program, int shots)
    {
        var qir = Compile(program);
        var parameters = new JsonObject
        {
            ["entryPoint"] = EntryPointName(qir),
            ["arguments"] = new JsonArray(),
            ["shots"] = shots,
        };
        return new JobPayload(InputFormat, OutputFormats.MicrosoftV2, "text/plain", Encoding.UTF8.GetBytes(qir), parameters, ".ll", program.QubitCount);
    }

    /// <summary>The name of the QIR entry point (the Q# compiler writes <c>ENTRYPOINT__main</c>).</summary>
    public static string EntryPointName(string qir)
    {
        ArgumentNullException.ThrowIfNull(qir);
        foreach (var line in qir.Split('\n'))
            if (EntryDefinition().Match(line) is { Success: true } m) return m.Groups["name"].Value;
        throw new CircuitImportException("The QIR defines no entry point.");
    }

    /// <summary>The Q# source of the generated entry point for <paramref name="program"/>.</summary>
    public static string EntrySource(PackedProgram program, int depth)
    {
        ArgumentNullException.ThrowIfNull(program);
        var n = program.QubitsPerSlot;
        var body = new StringBuilder();
        for (var j = 0; j < program.Slots.Length; j++)
        {
            var slot = program.Slots[j];
            var entry = QsannEntryPoints.Branches.SingleOrDefault(b => b.Name == slot.BranchName)
                ?? throw new ArgumentException($"QIR programs are compiled from the QSANN Q# operations (branches query, key, value); '{slot.BranchName}' is not one of them. Use the ionq or qasm format for other circuits.", nameof(program));
            body.Append(CultureInfo.InvariantCulture, $"        {entry.PrepareState}({depth}, {QSharpLiteral.DoubleArray(slot.Inputs.AsSpan())}, {QSharpLiteral.DoubleArray(slot.Weights.AsSpan())}, qubits[{j * n}..{j * n + n - 1}]);\n");
        }
        for (var j = 0; j < program.Slots.Length; j++)
            body.Append(CultureInfo.InvariantCulture, $"        let r{j} = QSan.Measurement.MeasureInBasis({QSharpLiteral.Pauli(program.Slots[j].Basis)}, qubits[{j * n}..{j * n + n - 1}]);\n");
        var results = string.Join(" + ", Enumerable.Range(0, program.Slots.Length).Select(j => $"r{j}"));
        return $$"""
            namespace QSanGenerated {
                @EntryPoint()
                operation AzureProgram() : Result[] {
                    use qubits = Qubit[{{program.QubitCount}}];
            {{body}}        {{results}}
                }
            }
            """;
    }

    private static string LayoutKey(PackedProgram program) =>
        $"{program.QubitsPerSlot}|" + string.Join(",", program.Slots.Select(s => $"{s.BranchName}:{s.Basis}"));

    private static string Intrinsic(GateKind kind) => kind switch
    {
        GateKind.SAdj => "s__adj",
        GateKind.TAdj => "t__adj",
        _ => kind.ToString().ToLowerInvariant() + "__body",
    };

    /// <summary>
    /// A compiled program whose rotation angles are known to come from given slots: line i of the text holds rotation
    /// r, whose angle is <see cref="AngleSource.Evaluate"/> of slot j's inputs or weights.
    /// </summary>
    private sealed class QirTemplate
    {
        private readonly string[] lines;
        private readonly (int Line, int Slot, AngleSource Source)[] angles;
        private readonly PackedProgram shape;

        private QirTemplate(string[] lines, (int, int, AngleSource)[] angles, PackedProgram shape)
        {
            this.lines = lines;
            this.angles = angles;
            this.shape = shape;
        }

        /// <summary>Checks <paramref name="qir"/> against the program's templates and records where each angle sits.</summary>
        public static QirTemplate From(string qir, PackedProgram program)
        {
            var parsed = QirProgram.Parse(qir, $"packed program {program.Index}");
            if (parsed.QubitCount != program.QubitCount)
                throw new CircuitImportException($"The compiled program uses {parsed.QubitCount} qubits, expected {program.QubitCount}.");
            var expected = Expected(program).ToArray();
            var gates = parsed.Calls.Where(c => !IsMeasurement(c.Intrinsic)).ToArray();
            if (gates.Length != expected.Length)
                throw new CircuitImportException($"The compiled program has {gates.Length} gates, the templates {expected.Length}.");
            var angles = new List<(int, int, AngleSource)>();
            for (var i = 0; i < gates.Length; i++)
            {
                var (gate, slot, value) = expected[i];
                var call = gates[i];
                var qubits = gate.Kind.IsTwoQubit() ? new[] { gate.Qubit, gate.Target } : [gate.Qubit];
                var sameKind = call.Intrinsic == Intrinsic(gate.Kind) || (gate.Kind == GateKind.Cx && call.Intrinsic == "cnot__body");
                if (!sameKind || !call.Qubits.SequenceEqual(qubits)
                    || (gate.Kind.IsRotation() && Math.Abs((call.Angle ?? double.NaN) - value) > AngleTolerance * Math.Max(1, Math.Abs(value))))
                    throw new CircuitImportException($"QIR line {call.Line} (__quantum__qis__{call.Intrinsic} on {string.Join(", ", call.Qubits)}, angle {call.Angle}) differs from the template gate {gate} (angle {value}) of slot {slot}.");
                if (gate.Kind.IsRotation()) angles.Add((call.Line - 1, slot, gate.Angle));
            }
            var measured = parsed.Calls.Where(c => IsMeasurement(c.Intrinsic)).ToArray();
            if (measured.Length != program.QubitCount || measured.Any(m => m.Qubits[0] != m.Result))
                throw new CircuitImportException("The compiled program does not measure qubit i into result i for every qubit.");
            var recorded = qir.Split('\n').Select(l => ResultRecord().Match(l)).Where(m => m.Success)
                .Select(m => m.Groups["id"].Success ? int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture) : 0).ToArray();
            if (!recorded.SequenceEqual(Enumerable.Range(0, program.QubitCount)))
                throw new CircuitImportException($"The compiled program records results in the order {string.Join(", ", recorded)}, expected 0..{program.QubitCount - 1}.");
            return new QirTemplate(qir.Split('\n'), [.. angles], program);
        }

        /// <summary>Whether <paramref name="program"/> has this template's slot templates (same gate lists).</summary>
        public bool Fits(PackedProgram program) =>
            program.Slots.Length == shape.Slots.Length
            && program.Slots.Zip(shape.Slots).All(p => p.First.Basis == p.Second.Basis
                && p.First.Prefix.Gates.SequenceEqual(p.Second.Prefix.Gates) && p.First.Ansatz.Gates.SequenceEqual(p.Second.Ansatz.Gates));

        /// <summary>The template's text with <paramref name="program"/>'s angles written in.</summary>
        public string Instantiate(PackedProgram program)
        {
            var text = (string[])lines.Clone();
            foreach (var (line, slot, source) in angles)
            {
                var s = program.Slots[slot];
                var value = source.Kind == SlotKind.Input ? source.Evaluate(s.Inputs.AsSpan(), []) : source.Evaluate([], s.Weights.AsSpan());
                var replaced = 0;
                text[line] = DoubleLiteral().Replace(text[line], _ => { replaced++; return "double " + NumberText.Decimal(value); }, 1);
                if (replaced != 1) throw new CircuitImportException($"QIR template line {line + 1} holds no angle to replace.");
            }
            return string.Join('\n', text);
        }

        private static IEnumerable<(Gate Gate, int Slot, double Value)> Expected(PackedProgram program)
        {
            var n = program.QubitsPerSlot;
            for (var j = 0; j < program.Slots.Length; j++)
                foreach (var (gate, angle) in program.Slots[j].PreparationGates())
                    yield return (Shift(gate, j * n), j, angle);
            for (var j = 0; j < program.Slots.Length; j++)
                foreach (var gate in program.Slots[j].BasisGates())
                    yield return (Shift(gate, j * n), j, 0);
        }

        private static Gate Shift(Gate gate, int offset) =>
            gate with { Qubit = gate.Qubit + offset, Target = gate.Target < 0 ? gate.Target : gate.Target + offset };

        private static bool IsMeasurement(string intrinsic) => intrinsic is "m__body" or "mz__body" or "mresetz__body";
    }
}

using System.Collections.Immutable;
using System.Globalization;
using QSan.Quantum.Bridge;
using QSan.Quantum.Circuits;
using QSan.Quantum.Import;

namespace QSan.Quantum.Qsann;

/// <summary>
/// Imports the QSANN circuits of a Q# project for given (n, D): evaluates the counts and observables in Q#,
/// compiles each circuit to base-profile QIR with probe angles, recovers the templates, and caches the result
/// on disk keyed by the sources' hash and the compiler version (docs/model.md, "Architecture").
/// </summary>
/// <param name="bridge">The running Q# bridge.</param>
/// <param name="project">The Q# project (normally <c>quantum/</c>).</param>
/// <param name="cache">Where imported families are kept; null disables caching.</param>
public sealed class QsannCircuitImporter(QSharpBridge bridge, QSharpProject project, CircuitCache? cache)
{
    private const string ProbeFileName = "src/QSanGenerated/ImportProbe.qs";

    /// <summary>Returns the family from the cache, or imports and caches it.</summary>
    public QsannCircuitFamily Import(int numQubits, int depth)
    {
        if (numQubits < 1) throw new ArgumentOutOfRangeException(nameof(numQubits), numQubits, "QSANN needs at least one qubit.");
        if (depth < 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "The ansatz depth must be at least 0.");
        var key = CircuitCache.Key("qsann", project.ContentHash, bridge.CompilerVersion, numQubits.ToString(CultureInfo.InvariantCulture), depth.ToString(CultureInfo.InvariantCulture));
        if (cache?.TryGet<QsannCircuitFamily>(key) is { } cached) return cached;
        var family = ImportUncached(numQubits, depth);
        cache?.Put(key, family);
        return family;
    }

    private QsannCircuitFamily ImportUncached(int n, int depth)
    {
        var angleCount = EvaluateInt($"{QsannEntryPoints.EncoderAngleCount}({n}, {depth})");
        var weightCount = EvaluateInt($"{QsannEntryPoints.AnsatzParameterCount}({n}, {depth})");
        var prefix = ImportTemplate(QsannEntryPoints.EncoderCircuit, n, depth, SlotKind.Input, angleCount);
        var branches = QsannEntryPoints.Branches.Select(b => new CircuitBranch(
            b.Name,
            ImportTemplate(b.AnsatzCircuit, n, depth, SlotKind.Weight, weightCount),
            [.. QsannEntryPoints.ParseObservables(Evaluate(b.ObservablesExpression(n, depth)))]));
        var circuit = new BranchedCircuit(prefix, [.. branches]).Validate();
        return new QsannCircuitFamily(n, depth, circuit, project.ContentHash, bridge.CompilerVersion);
    }

    /// <summary>Imports one circuit <c>callable(n, depth, slots)</c> whose angles read <paramref name="slotCount"/> slots.</summary>
    public CircuitTemplate ImportTemplate(string callable, int n, int depth, SlotKind kind, int slotCount)
    {
        var probes = TemplateFromProbes.ProbeValues(slotCount);
        var programs = probes.Select(values =>
        {
            var entry = $"{callable}({n}, {depth}, {QSharpLiteral.DoubleArray(values)})";
            var qir = bridge.GetQir(project.WithExtraSource(ProbeFileName, EntrySource(entry)));
            return QirProgram.Parse(qir, callable);
        }).ToArray();
        return TemplateFromProbes.Build(callable, kind, probes, programs, n);
    }

    /// <summary>A generated file whose <c>@EntryPoint()</c> returns <paramref name="expression"/>'s results (getQir compiles the entry point).</summary>
    public static string EntrySource(string expression) =>
        $$"""
        namespace QSanGenerated {
            @EntryPoint()
            operation ImportProbe() : Result[] {
                {{expression}}
            }
        }
        """;

    private int EvaluateInt(string expression)
    {
        var text = Evaluate(expression);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CircuitImportException($"{expression} returned '{text}', expected an Int.");
    }

    private string Evaluate(string expression)
    {
        var shot = bridge.RunShots(project, expression, 1)[0];
        return shot.Success && shot.Result is not null ? shot.Result : throw new CircuitImportException($"{expression} failed in Q#: {shot.Error?.Describe()}");
    }
}

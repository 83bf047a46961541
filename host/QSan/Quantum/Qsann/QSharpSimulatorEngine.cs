using System.Text;
using QSan.Quantum.Bridge;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Import;

namespace QSan.Quantum.Qsann;

/// <summary>
/// Microsoft's Q# simulator as an engine for the QSANN circuits: each branch's state is prepared by the Q#
/// project's own operations (not by the imported templates), dumped with <c>DumpMachine</c>, and measured
/// exactly on the host. One Q# call per branch covers the whole batch. Slow (tens of microseconds per
/// circuit plus a compilation per call); it is the reference the native engine is held to.
/// </summary>
/// <param name="bridge">The running bridge.</param>
/// <param name="project">The Q# project that defines the circuits.</param>
/// <param name="depth">The ansatz depth D the circuits were imported with.</param>
public sealed class QSharpSimulatorEngine(QSharpBridge bridge, QSharpProject project, int depth) : IQuantumEngine
{
    private const string BatchFileName = "src/QSanGenerated/DumpBatch.qs";

    /// <inheritdoc/>
    public string Name => "qsharp";

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        EngineArguments.CheckForward(circuit, batch, inputs.Length, weights.Length, expectations.Length);
        var n = circuit.QubitCount;
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            var entry = QsannEntryPoints.Branches.SingleOrDefault(e => e.Name == branch.Name)
                ?? throw new ArgumentException($"The Q# simulator runs the QSANN branches query, key and value; got '{branch.Name}'.", nameof(circuit));
            var theta = weights.Slice(circuit.WeightOffset(b), branch.Ansatz.WeightCount);
            var source = BatchSource(entry.PrepareState, n, depth, circuit.InputCount, batch, inputs, theta);
            var dump = bridge.DumpState(project.WithExtraSource(BatchFileName, source), "QSanGenerated.DumpBatch()");
            if (dump.States.Length != batch)
                throw new InvalidOperationException($"The Q# simulator returned {dump.States.Length} states for {batch} circuits.");
            var offset = circuit.ObservableOffset(b);
            for (var i = 0; i < batch; i++)
                for (var o = 0; o < branch.Observables.Length; o++)
                    expectations[i * circuit.ObservableCount + offset + o] = PauliExpectation.Of(dump.States[i], branch.Observables[o]);
        }
    }

    private static string BatchSource(string prepare, int n, int depth, int inputCount, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> theta)
    {
        var rows = new StringBuilder();
        for (var i = 0; i < batch; i++)
            rows.Append(i == 0 ? "" : ",\n            ").Append(QSharpLiteral.DoubleArray(inputs.Slice(i * inputCount, inputCount)));
        return $$"""
            namespace QSanGenerated {
                operation DumpBatch() : Unit {
                    let inputs = [
                        {{rows}}
                    ];
                    let theta = {{QSharpLiteral.DoubleArray(theta)}};
                    for angles in inputs {
                        use qubits = Qubit[{{n}}];
                        {{prepare}}({{depth}}, angles, theta, qubits);
                        Std.Diagnostics.DumpMachine();
                        ResetAll(qubits);
                    }
                }
            }
            """;
    }
}

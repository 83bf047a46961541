using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Training;

namespace QSan.Tests.Training;

/// <summary>
/// QSANN's circuits built directly in C# as docs/model.md describes them (<see cref="QsannCircuits"/>, the gate lists the Q# import yields), so
/// training tests run without Node. The CLI and the Q# backend tests use the real import.
/// </summary>
internal sealed class TemplateCircuitSource : ICircuitSource
{
    public QsannCircuitFamily Circuits(int qubits, int depth) =>
        new(qubits, depth, QsannCircuits.AttentionCircuit(qubits, depth), "design-templates", "none");

    public IQuantumEngine SimulatorEngine(int depth) =>
        throw new NotSupportedException("The template source has no Q# simulator; use the Q# project's circuits.");

    public QuantumWorkspace? Workspace => null;
}

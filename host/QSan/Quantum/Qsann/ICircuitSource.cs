using QSan.Quantum.Engine;

namespace QSan.Quantum.Qsann;

/// <summary>Where QSANN's circuits come from (normally the Q# project, see <see cref="QSharpCircuitSource"/>).</summary>
public interface ICircuitSource
{
    /// <summary>The encoder and the query, key and value circuits for (n, D).</summary>
    QsannCircuitFamily Circuits(int qubits, int depth);

    /// <summary>An engine that runs the circuits on Microsoft's Q# simulator (forward only).</summary>
    IQuantumEngine SimulatorEngine(int depth);

    /// <summary>
    /// The Q# project and its bridge, from which hardware payloads (QIR) are compiled; null when the circuits are built
    /// in process without the Q# project.
    /// </summary>
    QuantumWorkspace? Workspace { get; }
}

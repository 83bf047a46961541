using QSan.Quantum.Engine;

namespace QSan.Quantum.Qsann;

/// <summary>
/// The circuits imported from the Q# project (cached on disk, so Node compiles only when the Q# sources change). The
/// workspace, and with it the Node bridge, opens on first use: CSANN runs never start it. Dispose to stop the bridge.
/// </summary>
/// <param name="quantumDirectory">The Q# project folder, or null for the repository's <c>quantum/</c> (or <c>$QSAN_QUANTUM</c>).</param>
public sealed class QSharpCircuitSource(string? quantumDirectory = null) : ICircuitSource, IDisposable
{
    private QuantumWorkspace? workspace;

    /// <inheritdoc/>
    public QsannCircuitFamily Circuits(int qubits, int depth) => Opened.Circuits(qubits, depth);

    /// <inheritdoc/>
    public IQuantumEngine SimulatorEngine(int depth) => new QSharpSimulatorEngine(Opened.Bridge, Opened.Project, depth);

    /// <inheritdoc/>
    public QuantumWorkspace? Workspace => Opened;

    /// <inheritdoc/>
    public void Dispose() => workspace?.Dispose();

    private QuantumWorkspace Opened => workspace ??= QuantumWorkspace.Open(quantumDirectory);
}

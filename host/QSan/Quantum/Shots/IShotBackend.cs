namespace QSan.Quantum.Shots;

/// <summary>Runs packed programs for a number of shots and returns their outcome histograms: locally or on Azure Quantum.</summary>
public interface IShotBackend
{
    /// <summary>A short name for messages, e.g. "local-shots" or "azure:ionq.simulator".</summary>
    string Name { get; }

    /// <summary>Most qubits one program may use (the target's register); bounds how many circuits are packed together.</summary>
    int MaxQubits { get; }

    /// <summary>Runs every program with <paramref name="shots"/> shots; result i belongs to program i.</summary>
    IReadOnlyList<OutcomeHistogram> Run(IReadOnlyList<PackedProgram> programs, int shots, CancellationToken cancellationToken);
}

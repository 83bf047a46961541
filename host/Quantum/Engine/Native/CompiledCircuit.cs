using System.Collections.Immutable;

namespace QSan.Quantum.Engine.Native;

/// <summary>A <see cref="Circuits.BranchedCircuit"/> compiled for the native engine.</summary>
/// <param name="QubitCount">Qubits.</param>
/// <param name="InputCount">Per-circuit inputs.</param>
/// <param name="WeightCount">Shared weights (all branches).</param>
/// <param name="ObservableCount">Observables (all branches).</param>
/// <param name="Rotations">Every rotation gate occurrence.</param>
/// <param name="SharedFactors">Gate runs of per-lane blocks that are the same for every circuit.</param>
/// <param name="MatrixSlots">Number of fused single-qubit blocks.</param>
/// <param name="TailSlots">Number of measured-qubit tails.</param>
/// <param name="Prefix">The shared prefix when there are several branches; null when merged into a single branch.</param>
/// <param name="Branches">The branches.</param>
internal sealed record CompiledCircuit(int QubitCount, int InputCount, int WeightCount, int ObservableCount,
    ImmutableArray<Rotation> Rotations, ImmutableArray<ImmutableArray<OpGate>> SharedFactors, int MatrixSlots, int TailSlots,
    CircuitSegment? Prefix, ImmutableArray<CircuitSegment> Branches)
{
    public int Dimension => 1 << QubitCount;

    /// <summary>Rough work per circuit in amplitude updates, to decide whether threads pay off.</summary>
    public long WorkPerCircuit { get; } = (1L << QubitCount)
        * (2 + (Prefix?.Ops.Length ?? 0) + Branches.Sum(s => s.Ops.Length + s.Measured.Length));
}

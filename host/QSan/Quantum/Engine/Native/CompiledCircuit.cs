using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>A <see cref="BranchedCircuit"/> compiled for the native engine.</summary>
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
    // Derived lists the engine needs on every call, computed once here so calls neither search nor allocate.

    public int Dimension => 1 << QubitCount;

    /// <summary>The prefix (if any), then the branches.</summary>
    public CircuitSegment[] Segments { get; } = [.. AllSegments(Prefix, Branches)];

    /// <summary>Rough work per circuit in amplitude updates, to decide whether threads pay off.</summary>
    public long WorkPerCircuit { get; } = (1L << QubitCount)
        * (2 + (Prefix?.Ops.Length ?? 0) + Branches.Sum(s => s.Ops.Length + s.Measured.Length));

    /// <summary>Rotations whose angles read inputs.</summary>
    public int[] LaneRotations { get; } = [.. Enumerable.Range(0, Rotations.Length).Where(r => Rotations[r].PerLane)];

    /// <summary>Rotations whose angles are the same for every circuit.</summary>
    public int[] SharedRotations { get; } = [.. Enumerable.Range(0, Rotations.Length).Where(r => !Rotations[r].PerLane)];

    /// <summary>Per rotation, its gradient row (input slots first, then weight slots; -1 for none).</summary>
    public int[] GradientRows { get; } = [.. Rotations.Select(r => r.Source switch
    {
        { Scale: 0 } => -1,
        { Kind: SlotKind.Input } source => source.Slot,
        { Kind: SlotKind.Weight } source => InputCount + source.Slot,
        _ => -1,
    })];

    /// <summary>Per rotation, the chain-rule factor d angle / d slot.</summary>
    public double[] GradientScales { get; } = [.. Rotations.Select(r => r.Source.Scale)];

    /// <summary>The product-state start, if any segment starts from |0…0⟩.</summary>
    public ProductLayerOp? Product { get; } = AllSegments(Prefix, Branches).SelectMany(s => s.Ops).OfType<ProductLayerOp>().SingleOrDefault();

    /// <summary>Fused blocks with per-lane matrices.</summary>
    public SingleQubitOp[] LaneOps { get; } = [.. AllSegments(Prefix, Branches).SelectMany(s => s.Ops).OfType<SingleQubitOp>().Where(o => o.PerLane)];

    /// <summary>Fused blocks whose matrices are shared.</summary>
    public SingleQubitOp[] SharedOps { get; } = [.. AllSegments(Prefix, Branches).SelectMany(s => s.Ops).OfType<SingleQubitOp>().Where(o => !o.PerLane)];

    /// <summary>Measured qubits with per-lane tails.</summary>
    public MeasuredQubit[] LaneTails { get; } = [.. AllSegments(Prefix, Branches).SelectMany(s => s.Measured).Where(m => m.TailPerLane)];

    /// <summary>Measured qubits with shared (possibly empty) tails.</summary>
    public MeasuredQubit[] SharedTails { get; } = [.. AllSegments(Prefix, Branches).SelectMany(s => s.Measured).Where(m => !m.TailPerLane)];

    private static IEnumerable<CircuitSegment> AllSegments(CircuitSegment? prefix, ImmutableArray<CircuitSegment> branches) =>
        branches.Prepend(prefix).OfType<CircuitSegment>();
}

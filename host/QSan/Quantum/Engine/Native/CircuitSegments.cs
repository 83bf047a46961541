using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>A straight-line piece of a compiled circuit: the shared prefix, or one branch with its measurement.</summary>
/// <param name="FromZero">Whether it starts from |0…0⟩ (then its first op is a <see cref="ProductLayerOp"/>).</param>
/// <param name="Ops">The steps.</param>
/// <param name="Measured">Qubits the branch measures (empty for the prefix).</param>
/// <param name="Observables">The branch's observables in order.</param>
/// <param name="ObservableOffset">Where they start in the circuit's concatenated observables.</param>
internal sealed record CircuitSegment(bool FromZero, ImmutableArray<NativeOp> Ops, ImmutableArray<MeasuredQubit> Measured,
    ImmutableArray<BranchObservable> Observables, int ObservableOffset);

/// <summary>
/// A qubit whose reduced density matrix a branch measures. Single-qubit gates after the qubit's last two-qubit
/// gate (the tail) are not simulated: they act only on this qubit's 2×2 reduced state (ρ → uρu†), so single-qubit
/// observables after them are computed exactly from ρ before them.
/// </summary>
/// <param name="Qubit">The logical qubit.</param>
/// <param name="Pairs">Its physical index pairs.</param>
/// <param name="Tail">The tail gates in order (possibly none).</param>
/// <param name="TailPerLane">Whether a tail gate reads an input.</param>
/// <param name="TailSlot">Where the tail's fused matrix lives in the workspace.</param>
internal sealed record MeasuredQubit(int Qubit, IndexSet Pairs, ImmutableArray<OpGate> Tail, bool TailPerLane, int TailSlot);

/// <summary>An observable of a compiled branch.</summary>
/// <param name="Pauli">The Pauli.</param>
/// <param name="Measured">Index into the segment's measured qubits; -1 for the identity (always 1).</param>
internal readonly record struct BranchObservable(Pauli Pauli, int Measured);

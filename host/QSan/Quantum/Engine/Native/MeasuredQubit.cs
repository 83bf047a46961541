using System.Collections.Immutable;

namespace QSan.Quantum.Engine.Native;

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

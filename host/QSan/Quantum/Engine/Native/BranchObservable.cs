using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>An observable of a compiled branch.</summary>
/// <param name="Pauli">The Pauli.</param>
/// <param name="Measured">Index into the segment's measured qubits; -1 for the identity (always 1).</param>
internal readonly record struct BranchObservable(Pauli Pauli, int Measured);

using System.Collections.Immutable;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// The leading single-qubit gates of a program that starts in |0…0⟩: until a two-qubit gate touches a qubit its
/// state is a single-qubit vector, so the register is their tensor product (no gate passes over the state).
/// </summary>
/// <param name="QubitGates">Per qubit, its leading gates in order.</param>
/// <param name="PerLane">Per qubit, whether any of them reads an input.</param>
/// <param name="Factors">Per per-lane qubit, how to build its vector; empty for shared qubits.</param>
internal sealed record ProductLayerOp(ImmutableArray<ImmutableArray<OpGate>> QubitGates, ImmutableArray<bool> PerLane,
    ImmutableArray<ImmutableArray<MatrixFactor>> Factors) : NativeOp;

using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>One step of a compiled program.</summary>
internal abstract record NativeOp;

/// <summary>Consecutive single-qubit gates on one qubit, fused into one 2×2 matrix per lane and applied in one pass.</summary>
/// <param name="Qubit">The logical qubit.</param>
/// <param name="Form">Which kernel applies the fused matrix.</param>
/// <param name="PerLane">Whether the matrix differs between circuits (some gate reads an input).</param>
/// <param name="Gates">The gates in application order (the adjoint pass differentiates them one by one).</param>
/// <param name="Factors">How to build the per-lane matrix; empty for shared blocks.</param>
/// <param name="Pairs">Physical index pairs (logical bit 0, logical bit 1) under the permutation at this point.</param>
/// <param name="MatrixSlot">Where the fused matrix lives in the workspace.</param>
internal sealed record SingleQubitOp(int Qubit, MatrixForm Form, bool PerLane, ImmutableArray<OpGate> Gates,
    ImmutableArray<MatrixFactor> Factors, IndexSet Pairs, int MatrixSlot) : NativeOp;

/// <summary>CZ: negates the amplitudes whose two logical bits are set.</summary>
/// <param name="Indices">Those amplitudes' physical indices.</param>
internal sealed record ControlledZOp(IndexSet Indices) : NativeOp;

/// <summary>
/// The leading single-qubit gates of a program that starts in |0…0⟩: until a two-qubit gate touches a qubit its
/// state is a single-qubit vector, so the register is their tensor product (no gate passes over the state).
/// </summary>
/// <param name="QubitGates">Per qubit, its leading gates in order.</param>
/// <param name="PerLane">Per qubit, whether any of them reads an input.</param>
/// <param name="Factors">Per per-lane qubit, how to build its vector; empty for shared qubits.</param>
internal sealed record ProductLayerOp(ImmutableArray<ImmutableArray<OpGate>> QubitGates, ImmutableArray<bool> PerLane,
    ImmutableArray<ImmutableArray<MatrixFactor>> Factors) : NativeOp;

/// <summary>A gate inside a fused block.</summary>
/// <param name="Kind">The single-qubit gate.</param>
/// <param name="Rotation">Index into <see cref="CompiledCircuit.Rotations"/>, or -1 for gates without an angle.</param>
internal readonly record struct OpGate(GateKind Kind, int Rotation)
{
    public bool IsRotation => Rotation >= 0;
}

/// <summary>One rotation gate of a compiled circuit, with its angle in the circuit-wide input and weight vectors.</summary>
/// <param name="Source">The angle; weight slots are already offset to the concatenated weight vector.</param>
internal readonly record struct Rotation(AngleSource Source)
{
    /// <summary>Whether the angle differs between the circuits of a batch.</summary>
    public bool PerLane => Source.Kind == SlotKind.Input;
}

/// <summary>
/// A factor of a per-lane fused block: either one input-driven rotation, or a run of gates whose angles are the
/// same for every circuit, multiplied once per call (so per-lane work is one product per input rotation).
/// </summary>
/// <param name="Rotation">The per-lane rotation's index, or -1.</param>
/// <param name="GateKind">That rotation's gate kind.</param>
/// <param name="Shared">Index into <see cref="CompiledCircuit.SharedFactors"/>, or -1.</param>
internal readonly record struct MatrixFactor(int Rotation, Circuits.GateKind GateKind, int Shared);

/// <summary>Which kernel a fused single-qubit block needs; cheaper forms skip the arithmetic on known zeros.</summary>
internal enum MatrixForm
{
    /// <summary>A general complex 2×2 matrix.</summary>
    Complex,
    /// <summary>Real entries (products of H, X, Y up to phase, Z, RY).</summary>
    Real,
    /// <summary>Diagonal (products of Z, S, T, RZ and adjoints).</summary>
    Diagonal,
}

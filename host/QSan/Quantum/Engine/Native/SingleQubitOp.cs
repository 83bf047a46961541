using System.Collections.Immutable;

namespace QSan.Quantum.Engine.Native;

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

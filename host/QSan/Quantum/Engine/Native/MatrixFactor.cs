namespace QSan.Quantum.Engine.Native;

/// <summary>
/// A factor of a per-lane fused block: either one input-driven rotation, or a run of gates whose angles are the
/// same for every circuit, multiplied once per call (so per-lane work is one product per input rotation).
/// </summary>
/// <param name="Rotation">The per-lane rotation's index, or -1.</param>
/// <param name="GateKind">That rotation's gate kind.</param>
/// <param name="Shared">Index into <see cref="CompiledCircuit.SharedFactors"/>, or -1.</param>
internal readonly record struct MatrixFactor(int Rotation, Circuits.GateKind GateKind, int Shared);

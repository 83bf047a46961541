using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>A gate inside a fused block.</summary>
/// <param name="Kind">The single-qubit gate.</param>
/// <param name="Rotation">Index into <see cref="CompiledCircuit.Rotations"/>, or -1 for gates without an angle.</param>
internal readonly record struct OpGate(GateKind Kind, int Rotation)
{
    public bool IsRotation => Rotation >= 0;
}

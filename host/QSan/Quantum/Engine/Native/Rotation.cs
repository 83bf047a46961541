using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>One rotation gate of a compiled circuit, with its angle in the circuit-wide input and weight vectors.</summary>
/// <param name="Source">The angle; weight slots are already offset to the concatenated weight vector.</param>
internal readonly record struct Rotation(AngleSource Source)
{
    /// <summary>Whether the angle differs between the circuits of a batch.</summary>
    public bool PerLane => Source.Kind == SlotKind.Input;
}

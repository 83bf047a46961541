using System.Collections.Immutable;

namespace QSan.Quantum.Circuits;

/// <summary>
/// A straight-line circuit whose rotation angles are affine in input or weight slots.
/// Imported from the base-profile QIR of a Q# operation; engines simulate it for many slot assignments at once.
/// </summary>
/// <param name="Name">What the circuit is (e.g. the Q# callable it came from).</param>
/// <param name="QubitCount">Number of qubits.</param>
/// <param name="InputCount">Length of the per-circuit input vector.</param>
/// <param name="WeightCount">Length of the shared weight vector.</param>
/// <param name="Gates">The gates, in order.</param>
public sealed record CircuitTemplate(string Name, int QubitCount, int InputCount, int WeightCount, ImmutableArray<Gate> Gates)
{
    /// <summary>Checks that every gate refers to existing qubits and slots; throws with the offending gate otherwise.</summary>
    public CircuitTemplate Validate()
    {
        if (QubitCount < 1) throw new ArgumentException($"Circuit '{Name}' has {QubitCount} qubits; at least 1 is needed.");
        for (var i = 0; i < Gates.Length; i++)
        {
            var g = Gates[i];
            var bad = g.Qubit < 0 || g.Qubit >= QubitCount
                || (g.Kind.IsTwoQubit() && (g.Target < 0 || g.Target >= QubitCount || g.Target == g.Qubit))
                || (g.Angle.Kind == SlotKind.Input && (g.Angle.Slot < 0 || g.Angle.Slot >= InputCount))
                || (g.Angle.Kind == SlotKind.Weight && (g.Angle.Slot < 0 || g.Angle.Slot >= WeightCount))
                || (!g.Kind.IsRotation() && g.Angle.Kind != SlotKind.Constant);
            if (bad) throw new ArgumentException($"Circuit '{Name}', gate {i} ({g}) is out of range for {QubitCount} qubits, {InputCount} inputs, {WeightCount} weights.");
        }
        return this;
    }
}

using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>
/// Vector-Jacobian products by the parameter-shift rule, on top of any <see cref="IQuantumEngine"/> (what hardware and
/// shot-based backends need): for every rotation exp(−iθP/2), dE/dθ = (E(θ+π/2) − E(θ−π/2)) / 2 exactly; the chain rule
/// through <see cref="AngleSource.Scale"/> gives slot gradients. Costs two batched evaluations per rotation gate.
/// </summary>
/// <remarks>
/// A slot that drives exactly one rotation (every slot of the QSANN circuits) is shifted by ±π/(2·scale) in the
/// inputs or weights: that works with every engine, including those that run the Q# operations themselves and read
/// only slot values (Microsoft's simulator, hardware programs compiled from Q#). A slot shared by several rotations
/// needs each gate shifted on its own, in a template copy, which only engines that execute the templates honour.
/// </remarks>
public sealed class ParameterShiftGradient : IDifferentiableEngine
{
    private readonly IQuantumEngine engine;

    // Shifted circuits are built once per circuit instance so engines that cache compilations can reuse them.
    private readonly ConditionalWeakTable<BranchedCircuit, Shift[]> plans = new();

    /// <summary>Differentiates <paramref name="engine"/>.</summary>
    public ParameterShiftGradient(IQuantumEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        this.engine = engine;
    }

    /// <inheritdoc/>
    public string Name => $"{engine.Name}+parameter-shift";

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations) =>
        engine.Forward(circuit, batch, inputs, weights, expectations);

    /// <inheritdoc/>
    public void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
    {
        EngineArguments.CheckVjp(circuit, batch, inputs.Length, weights.Length, cotangents.Length, expectations.Length,
            inputGradients.Length, weightGradients.Length);
        engine.Forward(circuit, batch, inputs, weights, expectations);
        inputGradients.Clear();
        weightGradients.Clear();
        var observables = circuit.ObservableCount;
        var plus = ArrayPool<double>.Shared.Rent(batch * observables);
        var minus = ArrayPool<double>.Shared.Rent(batch * observables);
        try
        {
            foreach (var shift in plans.GetValue(circuit, Plan))
            {
                // A branch's gate changes only that branch: evaluate it alone, on its slice of the weights.
                var width = shift.Plus.ObservableCount;
                var branchWeights = shift.Branch < 0 ? weights : weights.Slice(circuit.WeightOffset(shift.Branch), shift.Plus.WeightCount);
                var firstObservable = shift.Branch < 0 ? 0 : circuit.ObservableOffset(shift.Branch);
                if (shift.BySlot) EvaluateSlotShift(shift, batch, circuit.InputCount, inputs, branchWeights, plus.AsSpan(0, batch * width), minus.AsSpan(0, batch * width));
                else
                {
                    engine.Forward(shift.Plus, batch, inputs, branchWeights, plus.AsSpan(0, batch * width));
                    engine.Forward(shift.Minus, batch, inputs, branchWeights, minus.AsSpan(0, batch * width));
                }
                var weightSum = 0.0;
                for (var row = 0; row < batch; row++)
                {
                    var projected = 0.0;
                    for (var k = 0; k < width; k++)
                        projected += cotangents[row * observables + firstObservable + k] * (plus[row * width + k] - minus[row * width + k]);
                    projected *= 0.5 * shift.Angle.Scale;
                    if (shift.Angle.Kind == SlotKind.Input) inputGradients[row * circuit.InputCount + shift.Angle.Slot] += projected;
                    else weightSum += projected;
                }
                if (shift.Angle.Kind == SlotKind.Weight) weightGradients[circuit.WeightOffset(shift.Branch) + shift.Angle.Slot] += weightSum;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(plus);
            ArrayPool<double>.Shared.Return(minus);
        }
    }

    // Evaluates the unshifted circuit with the slot's value moved by ±π/(2·scale), i.e. the gate's angle by ±π/2.
    private void EvaluateSlotShift(Shift shift, int batch, int inputCount, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> plus, Span<double> minus)
    {
        var step = Math.PI / (2 * shift.Angle.Scale);
        var slot = shift.Angle.Slot;
        if (shift.Angle.Kind == SlotKind.Input)
        {
            var shifted = inputs.ToArray();
            for (var row = 0; row < batch; row++) shifted[row * inputCount + slot] += step;
            engine.Forward(shift.Plus, batch, shifted, weights, plus);
            for (var row = 0; row < batch; row++) shifted[row * inputCount + slot] -= 2 * step;
            engine.Forward(shift.Minus, batch, shifted, weights, minus);
        }
        else
        {
            var shifted = weights.ToArray();
            shifted[slot] += step;
            engine.Forward(shift.Plus, batch, inputs, shifted, plus);
            shifted[slot] -= 2 * step;
            engine.Forward(shift.Minus, batch, inputs, shifted, minus);
        }
    }

    private static Shift[] Plan(BranchedCircuit circuit)
    {
        circuit.Validate();
        var shifts = new List<Shift>();
        var prefixGates = circuit.Prefix.Gates;
        for (var i = 0; i < prefixGates.Length; i++)
        {
            if (!Differentiable(prefixGates[i])) continue;
            shifts.Add(DrivesOneRotation(prefixGates, prefixGates[i].Angle)
                ? new Shift(-1, prefixGates[i].Angle, circuit, circuit, BySlot: true)
                : new Shift(-1, prefixGates[i].Angle, circuit with { Prefix = Shifted(circuit.Prefix, i, +1) }, circuit with { Prefix = Shifted(circuit.Prefix, i, -1) }, BySlot: false));
        }
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            var gates = branch.Ansatz.Gates;
            for (var i = 0; i < gates.Length; i++)
            {
                if (!Differentiable(gates[i])) continue;
                BranchedCircuit Alone(int sign) => new(circuit.Prefix, [sign == 0 ? branch : branch with { Ansatz = Shifted(branch.Ansatz, i, sign) }]);
                shifts.Add(DrivesOneRotation(gates, gates[i].Angle)
                    ? new Shift(b, gates[i].Angle, Alone(0), Alone(0), BySlot: true)
                    : new Shift(b, gates[i].Angle, Alone(+1), Alone(-1), BySlot: false));
            }
        }
        return [.. shifts];
    }

    private static bool DrivesOneRotation(ImmutableArray<Gate> gates, AngleSource angle)
    {
        var uses = 0;
        foreach (var g in gates)
            if (g.Angle.Kind == angle.Kind && g.Angle.Slot == angle.Slot && g.Angle.Scale != 0) uses++;
        return uses == 1;
    }

    private static bool Differentiable(Gate gate) =>
        gate.Kind.IsRotation() && gate.Angle.Kind != SlotKind.Constant && gate.Angle.Scale != 0;

    private static CircuitTemplate Shifted(CircuitTemplate template, int gate, int sign)
    {
        var g = template.Gates[gate];
        var shifted = g with { Angle = g.Angle with { Offset = g.Angle.Offset + sign * Math.PI / 2 } };
        return template with { Gates = template.Gates.SetItem(gate, shifted) };
    }

    /// <summary>One rotation's pair of shifted circuits.</summary>
    /// <param name="Branch">The branch holding the gate, or -1 for the prefix (then the circuits keep every branch).</param>
    /// <param name="Angle">The gate's unshifted angle source (slot and scale for the chain rule).</param>
    /// <param name="Plus">The circuit with the angle shifted by +π/2 (unshifted when <paramref name="BySlot"/>).</param>
    /// <param name="Minus">The circuit with the angle shifted by −π/2 (unshifted when <paramref name="BySlot"/>).</param>
    /// <param name="BySlot">Whether the shift is applied to the slot's value instead of the gate.</param>
    private sealed record Shift(int Branch, AngleSource Angle, BranchedCircuit Plus, BranchedCircuit Minus, bool BySlot);
}

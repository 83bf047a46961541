using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>
/// Vector-Jacobian products by the parameter-shift rule, on top of any <see cref="IQuantumEngine"/> (what hardware and
/// shot-based backends need): for every rotation exp(−iθP/2), dE/dθ = (E(θ+π/2) − E(θ−π/2)) / 2 exactly, evaluated
/// with that one gate's offset shifted; the chain rule through <see cref="AngleSource.Scale"/> gives slot gradients.
/// Costs two batched evaluations per rotation gate.
/// </summary>
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
                var shiftedWeights = shift.Branch < 0 ? weights : weights.Slice(circuit.WeightOffset(shift.Branch), shift.Plus.WeightCount);
                var firstObservable = shift.Branch < 0 ? 0 : circuit.ObservableOffset(shift.Branch);
                engine.Forward(shift.Plus, batch, inputs, shiftedWeights, plus.AsSpan(0, batch * width));
                engine.Forward(shift.Minus, batch, inputs, shiftedWeights, minus.AsSpan(0, batch * width));
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

    private static Shift[] Plan(BranchedCircuit circuit)
    {
        circuit.Validate();
        var shifts = new List<Shift>();
        var prefixGates = circuit.Prefix.Gates;
        for (var i = 0; i < prefixGates.Length; i++)
        {
            if (!Differentiable(prefixGates[i])) continue;
            shifts.Add(new Shift(-1, prefixGates[i].Angle,
                circuit with { Prefix = Shifted(circuit.Prefix, i, +1) },
                circuit with { Prefix = Shifted(circuit.Prefix, i, -1) }));
        }
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            for (var i = 0; i < branch.Ansatz.Gates.Length; i++)
            {
                if (!Differentiable(branch.Ansatz.Gates[i])) continue;
                BranchedCircuit Alone(int sign) => new(circuit.Prefix, [branch with { Ansatz = Shifted(branch.Ansatz, i, sign) }]);
                shifts.Add(new Shift(b, branch.Ansatz.Gates[i].Angle, Alone(+1), Alone(-1)));
            }
        }
        return [.. shifts];
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
    /// <param name="Plus">The circuit with the angle shifted by +π/2.</param>
    /// <param name="Minus">The circuit with the angle shifted by −π/2.</param>
    private sealed record Shift(int Branch, AngleSource Angle, BranchedCircuit Plus, BranchedCircuit Minus);
}

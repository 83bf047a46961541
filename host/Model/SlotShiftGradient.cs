using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Model;

/// <summary>
/// Vector-Jacobian products by the parameter-shift rule applied to the circuit's <em>slots</em> (token angles and
/// weights) rather than to its gates, for engines that run the circuits from their own definition and read only the
/// slot values, such as Microsoft's Q# simulator (<see cref="Quantum.Qsann.QSharpSimulatorEngine"/>). When a slot drives
/// exactly one rotation exp(−iθP/2) with θ = scale·slot + offset, shifting the slot by ±π/(2·scale) shifts θ by ±π/2,
/// and dE/dslot = scale·(E₊ − E₋)/2 exactly. QSANN's circuits use every slot once; other circuits are rejected.
/// </summary>
/// <remarks>
/// Costs per call: one evaluation, two of the whole circuit per input slot (every token shifted at once, since rows are
/// independent) and two of a single branch per weight slot.
/// </remarks>
public sealed class SlotShiftGradient : IDifferentiableEngine
{
    private readonly IQuantumEngine engine;
    private readonly ConditionalWeakTable<BranchedCircuit, Plan> plans = new();

    /// <summary>Differentiates <paramref name="engine"/>.</summary>
    public SlotShiftGradient(IQuantumEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        this.engine = engine;
    }

    /// <inheritdoc/>
    public string Name => $"{engine.Name}+slot-shift";

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations) =>
        engine.Forward(circuit, batch, inputs, weights, expectations);

    /// <inheritdoc/>
    public void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var plan = plans.GetValue(circuit, PlanFor);
        var inputCount = circuit.InputCount;
        var observables = circuit.ObservableCount;
        EngineArguments.CheckVjp(circuit, batch, inputs.Length, weights.Length, cotangents.Length, expectations.Length,
            inputGradients.Length, weightGradients.Length);

        engine.Forward(circuit, batch, inputs, weights, expectations);
        inputGradients.Clear();
        weightGradients.Clear();

        var shifted = inputs.ToArray();
        var plus = new double[batch * observables];
        var minus = new double[batch * observables];
        for (var slot = 0; slot < inputCount; slot++)
        {
            var scale = plan.InputScales[slot];
            if (scale == 0) continue;
            var step = Math.PI / (2 * scale);
            for (var row = 0; row < batch; row++) shifted[row * inputCount + slot] = inputs[row * inputCount + slot] + step;
            engine.Forward(circuit, batch, shifted, weights, plus);
            for (var row = 0; row < batch; row++) shifted[row * inputCount + slot] = inputs[row * inputCount + slot] - step;
            engine.Forward(circuit, batch, shifted, weights, minus);
            for (var row = 0; row < batch; row++)
            {
                shifted[row * inputCount + slot] = inputs[row * inputCount + slot];
                var sum = 0.0;
                for (var o = 0; o < observables; o++) sum += cotangents[row * observables + o] * (plus[row * observables + o] - minus[row * observables + o]);
                inputGradients[row * inputCount + slot] = 0.5 * scale * sum;
            }
        }

        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var alone = plan.Alone[b];
            var width = alone.ObservableCount;
            var firstObservable = circuit.ObservableOffset(b);
            var weightOffset = circuit.WeightOffset(b);
            var branchWeights = weights.Slice(weightOffset, alone.WeightCount).ToArray();
            var branchPlus = new double[batch * width];
            var branchMinus = new double[batch * width];
            for (var slot = 0; slot < branchWeights.Length; slot++)
            {
                var scale = plan.WeightScales[weightOffset + slot];
                if (scale == 0) continue;
                var original = branchWeights[slot];
                var step = Math.PI / (2 * scale);
                branchWeights[slot] = original + step;
                engine.Forward(alone, batch, inputs, branchWeights, branchPlus);
                branchWeights[slot] = original - step;
                engine.Forward(alone, batch, inputs, branchWeights, branchMinus);
                branchWeights[slot] = original;
                var sum = 0.0;
                for (var row = 0; row < batch; row++)
                    for (var o = 0; o < width; o++)
                        sum += cotangents[row * observables + firstObservable + o] * (branchPlus[row * width + o] - branchMinus[row * width + o]);
                weightGradients[weightOffset + slot] = 0.5 * scale * sum;
            }
        }
    }

    private static Plan PlanFor(BranchedCircuit circuit)
    {
        circuit.Validate();
        var inputScales = new double[circuit.InputCount];
        var inputUses = new int[circuit.InputCount];
        foreach (var gate in circuit.Prefix.Gates) Record(gate, SlotKind.Input, inputScales, inputUses, circuit.Prefix.Name);
        var weightScales = new double[circuit.WeightCount];
        var alone = new BranchedCircuit[circuit.Branches.Length];
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            var scales = new double[branch.Ansatz.WeightCount];
            var uses = new int[branch.Ansatz.WeightCount];
            foreach (var gate in branch.Ansatz.Gates) Record(gate, SlotKind.Weight, scales, uses, branch.Name);
            scales.CopyTo(weightScales, circuit.WeightOffset(b));
            alone[b] = new BranchedCircuit(circuit.Prefix, ImmutableArray.Create(branch));
        }
        return new Plan(inputScales, weightScales, alone);
    }

    private static void Record(Gate gate, SlotKind kind, double[] scales, int[] uses, string where)
    {
        if (gate.Angle.Kind != kind || gate.Angle.Scale == 0) return;
        if (!gate.Kind.IsRotation())
            throw new ArgumentException($"Slot shifts need rotations; '{where}' feeds slot {gate.Angle.Slot} into {gate}.");
        if (++uses[gate.Angle.Slot] > 1)
            throw new ArgumentException($"Slot shifts need every slot to drive one rotation; slot {gate.Angle.Slot} of '{where}' drives several. Use gate shifts (ParameterShiftGradient) with an engine that runs templates.");
        scales[gate.Angle.Slot] = gate.Angle.Scale;
    }

    /// <summary>Per-slot scales and each branch as a circuit of its own.</summary>
    private sealed record Plan(double[] InputScales, double[] WeightScales, BranchedCircuit[] Alone);
}

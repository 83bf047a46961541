using QSan.Autograd;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Model;

/// <summary>
/// The quantum layer as one autograd node: every token of a batch is encoded by the Q# encoder circuit from its d
/// angles, and the query, key and value circuits measure ⟨Z₀⟩, ⟨Z₀⟩ and the d value Paulis. One engine call covers
/// all tokens (the engine prepares each encoder state once and shares it between the three branches); the backward
/// pass is one call of the engine's vector-Jacobian product.
/// </summary>
/// <remarks>
/// Scratch buffers are reused between calls, so one instance must not be used from two threads at once.
/// </remarks>
public sealed class QuantumQkv
{
    private double[] scratchExpectations = [];
    private double[] scratchInputGradients = [];
    private double[] scratchWeightGradients = [];

    /// <summary>Checks that <paramref name="circuit"/> is a QSANN circuit family with d angles per token.</summary>
    /// <param name="engine">Evaluates the circuits and their vector-Jacobian products.</param>
    /// <param name="circuit">Encoder prefix (d inputs) and branches query (⟨Z₀⟩), key (⟨Z₀⟩), value (d observables), weights d each.</param>
    public QuantumQkv(IDifferentiableEngine engine, BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(circuit);
        var d = circuit.InputCount;
        var branches = circuit.Branches;
        if (branches.Length != 3 || branches[0].Name != "query" || branches[1].Name != "key" || branches[2].Name != "value")
            throw new ArgumentException("A QSANN circuit has the branches query, key and value, in that order.", nameof(circuit));
        if (branches[0].Observables.Length != 1 || branches[1].Observables.Length != 1 || branches[2].Observables.Length != d)
            throw new ArgumentException($"A QSANN circuit measures one query, one key and d = {d} value observables.", nameof(circuit));
        foreach (var branch in branches)
            if (branch.Ansatz.WeightCount != d)
                throw new ArgumentException($"Branch '{branch.Name}' has {branch.Ansatz.WeightCount} weights; QSANN's ansatzes have d = {d}.", nameof(circuit));
        Engine = engine;
        Circuit = circuit;
        Dimension = d;
    }

    /// <summary>The engine.</summary>
    public IDifferentiableEngine Engine { get; }

    /// <summary>The circuits.</summary>
    public BranchedCircuit Circuit { get; }

    /// <summary>d: angles per token, value observables, weights per branch.</summary>
    public int Dimension { get; }

    /// <summary>Values per token in the output: query, key, then the d values.</summary>
    public int OutputWidth => Dimension + 2;

    /// <summary>
    /// [tokens × d] angles and [3 × d] weights (θ_q, θ_k, θ_v) → [tokens × (2 + d)]: per token q, k, then v₀ … v_{d−1}.
    /// </summary>
    public Tensor Apply(Tensor angles, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(angles);
        ArgumentNullException.ThrowIfNull(weights);
        var d = Dimension;
        if (angles.Rank != 2 || angles.Shape[1] != d)
            throw new ArgumentException($"QSANN token angles must be [tokens, {d}]; got [{string.Join(", ", angles.Shape)}].", nameof(angles));
        if (weights.Count != 3 * d)
            throw new ArgumentException($"QSANN branch weights hold 3 × {d} values; got {weights.Count}.", nameof(weights));
        var tokens = angles.Shape[0];
        var width = OutputWidth;
        var output = GC.AllocateUninitializedArray<double>(tokens * width);
        if (!Tensor.IsGradEnabled || !(angles.RequiresGrad || weights.RequiresGrad))
        {
            Engine.Forward(Circuit, tokens, angles.Data, weights.Data, output);
            return new Tensor(output, [tokens, width]);
        }

        // The backward pass's Vjp gets the same arguments, so the engine may keep its forward states for it.
        Engine.ForwardKeepingStates(Circuit, tokens, angles.Data, weights.Data, output);

        // The values the engine read must be the values the backward pass differentiates at; parameters are only
        // changed by the optimiser after backward, so holding the tensors (not copies) is enough.
        return Tensor.Custom([angles, weights], output, [tokens, width], (outputGradient, gradients) =>
        {
            var expectations = Rent(ref scratchExpectations, tokens * width);
            var inputGradients = gradients[0] is { } gi ? gi.AsSpan() : Rent(ref scratchInputGradients, tokens * d);
            var weightGradients = gradients[1] is { } gw ? gw.AsSpan() : Rent(ref scratchWeightGradients, 3 * d);
            Engine.Vjp(Circuit, tokens, angles.Data, weights.Data, outputGradient, expectations, inputGradients, weightGradients);
        });
    }

    private static Span<double> Rent(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[Math.Max(length, buffer.Length * 2)];
        return buffer.AsSpan(0, length);
    }
}

using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Shots;

/// <summary>Where one observable's estimate comes from.</summary>
/// <param name="Circuit">Index into <see cref="MeasurementPlan.Circuits"/>; -1 for the identity (expectation 1, nothing to measure).</param>
/// <param name="Qubit">The measured qubit within that circuit.</param>
public readonly record struct ObservableSource(int Circuit, int Qubit);

/// <summary>
/// The hardware circuits a batch of a <see cref="BranchedCircuit"/> needs: per token and branch, one circuit per distinct
/// measurement basis among the branch's observables (QSANN: query Z, key Z, value Z/Y/X — 5 circuits a token, not d + 2),
/// and for every observable the circuit and qubit it is read from.
/// </summary>
/// <param name="Batch">Tokens (rows) in the batch.</param>
/// <param name="ObservableCount">Observables per token.</param>
/// <param name="Circuits">Token-major: token 0's circuits (branch by branch, bases in order of first use), then token 1's, …</param>
/// <param name="Sources">Row-major [Batch × ObservableCount].</param>
public sealed record MeasurementPlan(int Batch, int ObservableCount, ImmutableArray<PlannedCircuit> Circuits, ImmutableArray<ObservableSource> Sources)
{
    /// <summary>Plans the circuits for a batch; argument shapes as in <see cref="QSan.Quantum.Engine.IQuantumEngine.Forward"/>.</summary>
    public static MeasurementPlan Build(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (inputs.Length != batch * circuit.InputCount) throw new ArgumentException($"Expected {batch} × {circuit.InputCount} inputs, got {inputs.Length}.", nameof(inputs));
        if (weights.Length != circuit.WeightCount) throw new ArgumentException($"Expected {circuit.WeightCount} weights, got {weights.Length}.", nameof(weights));
        var circuits = ImmutableArray.CreateBuilder<PlannedCircuit>();
        var sources = new ObservableSource[batch * circuit.ObservableCount];
        var branchWeights = new ImmutableArray<double>[circuit.Branches.Length];
        for (var b = 0; b < branchWeights.Length; b++)
            branchWeights[b] = [.. weights.Slice(circuit.WeightOffset(b), circuit.Branches[b].Ansatz.WeightCount)];
        for (var t = 0; t < batch; t++)
        {
            ImmutableArray<double> tokenInputs = [.. inputs.Slice(t * circuit.InputCount, circuit.InputCount)];
            for (var b = 0; b < circuit.Branches.Length; b++)
            {
                var branch = circuit.Branches[b];
                var byBasis = new Dictionary<Pauli, int>();
                for (var o = 0; o < branch.Observables.Length; o++)
                {
                    var term = branch.Observables[o];
                    var at = t * circuit.ObservableCount + circuit.ObservableOffset(b) + o;
                    if (term.Pauli == Pauli.I)
                    {
                        sources[at] = new ObservableSource(-1, term.Qubit);
                        continue;
                    }
                    if (!byBasis.TryGetValue(term.Pauli, out var index))
                    {
                        index = circuits.Count;
                        byBasis[term.Pauli] = index;
                        circuits.Add(new PlannedCircuit(t, b, branch.Name, term.Pauli, circuit.Prefix, branch.Ansatz, tokenInputs, branchWeights[b]));
                    }
                    sources[at] = new ObservableSource(index, term.Qubit);
                }
            }
        }
        return new MeasurementPlan(batch, circuit.ObservableCount, circuits.ToImmutable(), [.. sources]);
    }
}

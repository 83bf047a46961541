using System.Collections.Immutable;

namespace QSan.Quantum.Circuits;

/// <summary>One branch of a <see cref="BranchedCircuit"/>: an ansatz applied to the shared prefix state, then measured.</summary>
/// <param name="Name">E.g. "query", "key", "value".</param>
/// <param name="Ansatz">The branch circuit; its angles read only <see cref="SlotKind.Weight"/> slots (the branch's own weights).</param>
/// <param name="Observables">The Pauli expectations the branch reports, in order.</param>
public sealed record CircuitBranch(string Name, CircuitTemplate Ansatz, ImmutableArray<PauliTerm> Observables);

/// <summary>
/// A prefix circuit (the token encoder, fed by per-circuit inputs) followed by several branches that each
/// start from the prefix's state (the query, key and value circuits). Engines prepare the prefix state once
/// per circuit and share it between branches.
/// </summary>
/// <param name="Prefix">The shared prefix; its angles read <see cref="SlotKind.Input"/> slots (and constants).</param>
/// <param name="Branches">The branches.</param>
public sealed record BranchedCircuit(CircuitTemplate Prefix, ImmutableArray<CircuitBranch> Branches)
{
    /// <summary>Qubit count shared by prefix and branches.</summary>
    public int QubitCount => Prefix.QubitCount;

    /// <summary>Number of per-circuit inputs.</summary>
    public int InputCount => Prefix.InputCount;

    /// <summary>Total weights: the branches' weight vectors concatenated in branch order.</summary>
    public int WeightCount => Branches.Sum(b => b.Ansatz.WeightCount);

    /// <summary>Total observables: the branches' observables concatenated in branch order.</summary>
    public int ObservableCount => Branches.Sum(b => b.Observables.Length);

    /// <summary>Offset of branch <paramref name="branch"/>'s weights in the concatenated weight vector.</summary>
    public int WeightOffset(int branch) => Branches.Take(branch).Sum(b => b.Ansatz.WeightCount);

    /// <summary>Offset of branch <paramref name="branch"/>'s observables in the concatenated observable vector.</summary>
    public int ObservableOffset(int branch) => Branches.Take(branch).Sum(b => b.Observables.Length);

    /// <summary>Checks qubit counts and slot kinds; throws naming the offending part.</summary>
    public BranchedCircuit Validate()
    {
        Prefix.Validate();
        if (Prefix.Gates.Any(g => g.Angle.Kind == SlotKind.Weight))
            throw new ArgumentException($"Prefix '{Prefix.Name}' reads weight slots; a prefix may read only inputs.");
        foreach (var b in Branches)
        {
            b.Ansatz.Validate();
            if (b.Ansatz.QubitCount != QubitCount)
                throw new ArgumentException($"Branch '{b.Name}' has {b.Ansatz.QubitCount} qubits, the prefix {QubitCount}.");
            if (b.Ansatz.Gates.Any(g => g.Angle.Kind == SlotKind.Input))
                throw new ArgumentException($"Branch '{b.Name}' reads input slots; a branch may read only its weights.");
            foreach (var o in b.Observables)
                if (o.Qubit < 0 || o.Qubit >= QubitCount)
                    throw new ArgumentException($"Branch '{b.Name}' measures {o} outside {QubitCount} qubits.");
        }
        return this;
    }
}

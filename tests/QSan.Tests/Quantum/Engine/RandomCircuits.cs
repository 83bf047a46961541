using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Tests.Quantum.Engine;

/// <summary>Random templates that use every gate kind and every kind of angle source, for differential tests.</summary>
internal static class RandomCircuits
{
    private static readonly GateKind[] Kinds = Enum.GetValues<GateKind>();

    public static CircuitTemplate Template(Random rng, string name, int qubits, int gates, int inputs, int weights)
    {
        var list = ImmutableArray.CreateBuilder<Gate>(gates);
        for (var g = 0; g < gates; g++)
        {
            var kinds = qubits > 1 ? Kinds : [.. Kinds.Where(k => !k.IsTwoQubit())];
            var kind = kinds[rng.Next(kinds.Length)];
            var qubit = rng.Next(qubits);
            if (kind.IsTwoQubit())
            {
                var target = (qubit + 1 + rng.Next(qubits - 1)) % qubits;
                list.Add(new Gate(kind, qubit, target));
            }
            else
            {
                list.Add(new Gate(kind, qubit, Angle: kind.IsRotation() ? Angle(rng, inputs, weights) : default));
            }
        }
        return new CircuitTemplate(name, qubits, inputs, weights, list.MoveToImmutable()).Validate();
    }

    public static AngleSource Angle(Random rng, int inputs, int weights)
    {
        var scale = Math.Round(rng.NextDouble() * 4 - 2, 3);
        var offset = rng.Next(3) == 0 ? 0 : Math.Round(rng.NextDouble() * 6 - 3, 3);
        var choice = rng.Next(5);
        if (choice < 2 && inputs > 0) return AngleSource.Input(rng.Next(inputs), scale, offset);
        if (choice < 4 && weights > 0) return AngleSource.Weight(rng.Next(weights), scale, offset);
        return AngleSource.Constant(offset + scale);
    }

    /// <summary>A prefix on inputs and 1–3 branches on their own weights, with random observables (identity included).</summary>
    public static BranchedCircuit Branched(Random rng, int qubits, int prefixGates, int branchGates, int? branchCount = null)
    {
        var inputs = 1 + rng.Next(5);
        var prefix = Template(rng, "prefix", qubits, prefixGates, inputs, 0);
        var count = branchCount ?? 1 + rng.Next(3);
        var branches = ImmutableArray.CreateBuilder<CircuitBranch>(count);
        for (var b = 0; b < count; b++)
        {
            var ansatz = Template(rng, $"branch{b}", qubits, branchGates, 0, 1 + rng.Next(4));
            var observables = Enumerable.Range(0, 1 + rng.Next(2 * qubits + 1))
                .Select(_ => new PauliTerm(rng.Next(12) == 0 ? Pauli.I : (Pauli)(1 + rng.Next(3)), rng.Next(qubits)));
            branches.Add(new CircuitBranch($"branch{b}", ansatz, [.. observables]));
        }
        return new BranchedCircuit(prefix, branches.MoveToImmutable()).Validate();
    }

    public static double[] Values(Random rng, int count, double range = Math.PI)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = (rng.NextDouble() * 2 - 1) * range;
        return values;
    }
}

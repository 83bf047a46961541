using QSan.Quantum.Circuits;
using QSan.Quantum.Noise;
using QSan.Tests.Quantum.Engine;
using QSan.Tests.Quantum.Noise;

namespace QSan.Tests.Azure;

/// <summary>
/// What the fake targets compute: the outcome distribution of a submitted program, from the tests' plain reference
/// simulator (independent of the host's simulator), splitting the program into the groups of qubits its two-qubit gates
/// connect so packed programs stay small. The distribution is a product over the groups. Under a noise model (IonQ's
/// simulator asked for a hardware model) each group's distribution is the tests' dense Kraus simulation of QSan's
/// preset for that device; its channels act qubit by qubit, so the groups stay independent.
/// </summary>
internal static class FakeExecution
{
    /// <summary>Each group's qubits and joint probabilities (bit k of an index = the group's k-th qubit).</summary>
    public static IReadOnlyList<(int[] Qubits, double[] Probabilities)> Groups(CircuitTemplate program, NoiseModel? noise = null)
    {
        var parent = Enumerable.Range(0, program.QubitCount).ToArray();
        int Find(int q) => parent[q] == q ? q : parent[q] = Find(parent[q]);
        foreach (var g in program.Gates.Where(g => g.Kind.IsTwoQubit())) parent[Find(g.Qubit)] = Find(g.Target);
        var groups = new List<(int[], double[])>();
        foreach (var members in Enumerable.Range(0, program.QubitCount).GroupBy(Find).Select(g => g.Order().ToArray()))
        {
            var local = members.Select((q, i) => (q, i)).ToDictionary(p => p.q, p => p.i);
            var gates = program.Gates.Where(g => local.ContainsKey(g.Qubit))
                .Select(g => g with { Qubit = local[g.Qubit], Target = g.Target < 0 ? -1 : local[g.Target] }).ToArray();
            var group = new CircuitTemplate("group", members.Length, 0, 0, [.. gates]);
            if (noise is { IsNoiseless: false })
            {
                groups.Add((members, DenseReference.Probabilities(group, noise)));
                continue;
            }
            var state = ReferenceSimulator.Run(group, [], [], ReferenceSimulator.Basis(members.Length));
            groups.Add((members, state.Select(a => a.Real * a.Real + a.Imaginary * a.Imaginary).ToArray()));
        }
        return groups;
    }

    /// <summary>The full distribution (only for small programs): outcome bits → probability, zeros left out.</summary>
    public static SortedDictionary<ulong, double> Exact(CircuitTemplate program)
    {
        var result = new SortedDictionary<ulong, double> { [0] = 1 };
        foreach (var (qubits, p) in Groups(program))
        {
            var next = new SortedDictionary<ulong, double>();
            foreach (var (bits, weight) in result)
                for (var k = 0; k < p.Length; k++)
                    if (p[k] > 1e-15) next[bits | Spread(k, qubits)] = weight * p[k];
            result = next;
        }
        return result;
    }

    /// <summary>Per-shot outcomes drawn with <paramref name="random"/>, group by group.</summary>
    public static ulong[] Sample(CircuitTemplate program, int shots, Random random, NoiseModel? noise = null)
    {
        var outcomes = new ulong[shots];
        foreach (var (qubits, p) in Groups(program, noise))
        {
            var cumulative = new double[p.Length];
            double sum = 0;
            for (var k = 0; k < p.Length; k++) cumulative[k] = sum += p[k];
            for (var s = 0; s < shots; s++)
            {
                var u = random.NextDouble() * sum;
                var k = 0;
                while (k < p.Length - 1 && cumulative[k] <= u) k++;
                outcomes[s] |= Spread(k, qubits);
            }
        }
        return outcomes;
    }

    private static ulong Spread(int local, int[] qubits)
    {
        ulong bits = 0;
        for (var i = 0; i < qubits.Length; i++) if ((local >> i & 1) == 1) bits |= 1UL << qubits[i];
        return bits;
    }
}

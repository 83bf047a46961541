using FsCheck;
using FsCheck.Fluent;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using Xunit;

namespace QSan.Tests.Quantum.Engine;

public sealed class NativeEnginePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(60);

    /// <summary>A random branched circuit with a random batch, from a seed, so failures replay from the printed case.</summary>
    private sealed record Case(int Seed, int Qubits, int Batch)
    {
        public override string ToString() => $"seed {Seed}, {Qubits} qubits, batch {Batch}";

        public (BranchedCircuit Circuit, GradientCheck Check) Build()
        {
            var rng = new Random(Seed);
            var circuit = RandomCircuits.Branched(rng, Qubits, prefixGates: 3 + 3 * Qubits, branchGates: 2 + 2 * Qubits);
            return (circuit, GradientCheck.Random(circuit, Batch, rng));
        }
    }

    private static Arbitrary<Case> Cases() =>
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from qubits in Gen.Choose(1, 6)
         from batch in Gen.Choose(1, 24)
         select new Case(seed, qubits, batch)).ToArbitrary();

    [Fact]
    public void Expectations_lie_between_minus_one_and_one()
    {
        Check.One(Runs, Prop.ForAll(Cases(), c =>
        {
            var (circuit, check) = c.Build();
            var expectations = new double[c.Batch * circuit.ObservableCount];
            new NativeEngine().Forward(circuit, c.Batch, check.Inputs, check.Weights, expectations);
            return expectations.All(e => e is >= -1 - 1e-12 and <= 1 + 1e-12);
        }));
    }

    [Fact]
    public void Rows_of_a_batch_are_independent_circuits()
    {
        Check.One(Runs, Prop.ForAll(Cases(), c =>
        {
            var (circuit, check) = c.Build();
            var engine = new NativeEngine();
            var all = new double[c.Batch * circuit.ObservableCount];
            engine.Forward(circuit, c.Batch, check.Inputs, check.Weights, all);
            var row = c.Batch / 2;
            var alone = new double[circuit.ObservableCount];
            engine.Forward(circuit, 1, check.Inputs.AsSpan(row * circuit.InputCount, circuit.InputCount), check.Weights, alone);
            return alone.Select((e, k) => Math.Abs(e - all[row * circuit.ObservableCount + k])).All(d => d < 1e-12);
        }));
    }

    [Fact]
    public void Vjp_is_linear_in_the_cotangents()
    {
        Check.One(Runs, Prop.ForAll(Cases(), c =>
        {
            var (_, check) = c.Build();
            var rng = new Random(c.Seed + 1);
            var other = check with { Cotangents = RandomCircuits.Values(rng, check.Cotangents.Length, 1) };
            var (a, b) = (rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2);
            var combined = check with { Cotangents = [.. check.Cotangents.Zip(other.Cotangents, (x, y) => a * x + b * y)] };
            var engine = new NativeEngine();
            var (_, i1, w1) = check.Vjp(engine);
            var (_, i2, w2) = other.Vjp(engine);
            var (_, i3, w3) = combined.Vjp(engine);
            return Close(i3, i1.Zip(i2, (x, y) => a * x + b * y)) && Close(w3, w1.Zip(w2, (x, y) => a * x + b * y));
        }));
    }

    [Fact]
    public void Branch_gradients_add_up_to_the_whole_circuits_gradient()
    {
        Check.One(Runs, Prop.ForAll(Cases(), c =>
        {
            var (circuit, check) = c.Build();
            var engine = new NativeEngine();
            var (_, inputs, weights) = check.Vjp(engine);
            var inputSum = new double[inputs.Length];
            var weightSum = new double[weights.Length];
            for (var b = 0; b < circuit.Branches.Length; b++)
            {
                // Keep only branch b's cotangents.
                var (first, count) = (circuit.ObservableOffset(b), circuit.Branches[b].Observables.Length);
                var only = check with
                {
                    Cotangents = [.. check.Cotangents.Select((g, k) => k % circuit.ObservableCount - first is var o && o >= 0 && o < count ? g : 0)],
                };
                var (_, i, w) = only.Vjp(engine);
                for (var k = 0; k < i.Length; k++) inputSum[k] += i[k];
                for (var k = 0; k < w.Length; k++) weightSum[k] += w[k];
            }
            return Close(inputs, inputSum) && Close(weights, weightSum);
        }));
    }

    private static bool Close(IEnumerable<double> a, IEnumerable<double> b) => a.Zip(b, (x, y) => Math.Abs(x - y)).All(d => d < 1e-10);
}

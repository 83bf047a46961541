using QSan.Azure.Engines;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Quantum.Shots;

/// <summary>The local shot-sampling mode: its simulator, its plans and packing, and how its accuracy depends on shots.</summary>
public sealed class LocalShotEngineTests
{
    private static (double[] Inputs, double[] Weights) Random(BranchedCircuit circuit, int tokens, int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, tokens * circuit.InputCount).Select(_ => random.NextDouble() * 2 * Math.PI)],
                [.. Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * 2 * Math.PI)]);
    }

    private static double[] Exact(BranchedCircuit circuit, int tokens, double[] inputs, double[] weights)
    {
        var exact = new double[tokens * circuit.ObservableCount];
        new NativeEngine().Forward(circuit, tokens, inputs, weights, exact);
        return exact;
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    public void Every_planned_circuits_distribution_gives_the_native_engines_expectations(int n, int depth)
    {
        var circuit = QsannCircuits.AttentionCircuit(n, depth);
        var (inputs, weights) = Random(circuit, 2, n + depth);
        var plan = MeasurementPlan.Build(circuit, 2, inputs, weights);
        var distributions = plan.Circuits.Select(c => StateVectorSimulator.Probabilities(c.ToConstantCircuit())).ToArray();
        var exact = Exact(circuit, 2, inputs, weights);

        for (var i = 0; i < exact.Length; i++)
        {
            var source = plan.Sources[i];
            var one = distributions[source.Circuit].Select((p, k) => (k >> source.Qubit & 1) == 1 ? p : 0).Sum();
            Assert.Equal(exact[i], 1 - 2 * one, 10);
        }
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 5)]
    [InlineData(3, 5)]
    public void One_token_costs_query_key_and_one_value_circuit_per_basis(int depth, int circuits)
    {
        var circuit = QsannCircuits.AttentionCircuit(4, depth);
        var (inputs, weights) = Random(circuit, 3, 1);

        var plan = MeasurementPlan.Build(circuit, 3, inputs, weights);

        Assert.Equal(3 * circuits, plan.Circuits.Length);
        Assert.Equal(["query", "key", "value"], plan.Circuits.Take(circuits).Select(c => c.BranchName).Distinct());
        Assert.Equal(depth == 0 ? [Pauli.Z, Pauli.Y] : [Pauli.Z, Pauli.Y, Pauli.X], plan.Circuits.Where(c => c.Token == 0 && c.BranchName == "value").Select(c => c.Basis));
    }

    [Fact]
    public void Many_tokens_are_packed_into_as_few_programs_as_the_register_allows()
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var (inputs, weights) = Random(circuit, 10, 1);

        var packed = new ShotEngine(new LocalShotBackend(maxQubits: 29)).Programs(circuit, 10, inputs, weights);
        var alone = new ShotEngine(new LocalShotBackend(maxQubits: 29), new ShotEngineOptions(MaxCircuitsPerProgram: 1)).Programs(circuit, 10, inputs, weights);

        Assert.Equal(8, packed.Length); // 50 circuits, 7 four-qubit slots in 29 qubits
        Assert.All(packed.Take(7), p => Assert.Equal(28, p.QubitCount));
        Assert.Equal(50, alone.Length);
    }

    [Fact]
    public void Estimates_lie_within_their_standard_errors_of_the_exact_values()
    {
        var circuit = QsannCircuits.AttentionCircuit(3, 1);
        var (inputs, weights) = Random(circuit, 8, 2);
        var exact = Exact(circuit, 8, inputs, weights);

        var estimate = ShotEngine.Local(2000, seed: 5).Estimate(circuit, 8, inputs, weights);

        var z = estimate.Expectations.Zip(exact, (e, x) => e - x).Zip(estimate.StandardErrors, (d, s) => s > 0 ? Math.Abs(d) / s : 0).ToArray();
        Assert.True(z.Count(v => v <= 2) >= 0.9 * z.Length, "about 95% of estimates lie within two standard errors");
        Assert.True(z.Max() < 5);
    }

    [Fact]
    public void The_accuracy_study_reports_errors_falling_with_the_shots_and_tracked_by_the_standard_errors()
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var rows = ShotAccuracy.Measure(circuit, tokens: 8, shotCounts: [100, 10000], seed: 2);

        Assert.Equal([100, 10000], rows.Select(r => r.Shots));
        Assert.InRange(rows[0].RmsError / rows[1].RmsError, 5, 20); // √(10000/100) = 10
        Assert.InRange(rows[1].MeanStandardError / rows[1].RmsError, 0.5, 2);
        Assert.All(rows, r => Assert.InRange(r.WithinTwoStandardErrors, 0.8, 1));
        Assert.All(rows, r => Assert.True(r.MaxError >= r.RmsError));
        Assert.Throws<ArgumentException>(() => ShotAccuracy.Measure(circuit, 1, [0], 1));
    }

    [Fact]
    public void Accuracy_improves_as_one_over_the_square_root_of_the_shots()
    {
        var circuit = QsannCircuits.AttentionCircuit(4, 1);
        var (inputs, weights) = Random(circuit, 16, 3);
        var exact = Exact(circuit, 16, inputs, weights);
        double Rms(int shots) => Math.Sqrt(ShotEngine.Local(shots, seed: 7).Estimate(circuit, 16, inputs, weights).Expectations.Zip(exact, (e, x) => (e - x) * (e - x)).Average());

        var (few, many) = (Rms(100), Rms(10000));

        Assert.InRange(few / many, 5, 20); // √(10000/100) = 10
        Assert.InRange(many, 0.001, 0.02);
    }

    [Fact]
    public void Packing_does_not_change_the_statistics_of_any_circuit()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = Random(circuit, 4, 4);
        var exact = Exact(circuit, 4, inputs, weights);

        var packed = ShotEngine.Local(20000, seed: 1, maxQubits: 29).Estimate(circuit, 4, inputs, weights);
        var alone = ShotEngine.Local(20000, seed: 2, pack: false).Estimate(circuit, 4, inputs, weights);

        Assert.True(packed.Programs < alone.Programs);
        for (var i = 0; i < exact.Length; i++)
        {
            Assert.InRange(Math.Abs(packed.Expectations[i] - exact[i]), 0, 5 * packed.StandardErrors[i] + 1e-12);
            Assert.InRange(Math.Abs(alone.Expectations[i] - exact[i]), 0, 5 * alone.StandardErrors[i] + 1e-12);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_counts()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var (inputs, weights) = Random(circuit, 2, 4);

        var a = ShotEngine.Local(300, seed: 9).Estimate(circuit, 2, inputs, weights);
        var b = ShotEngine.Local(300, seed: 9).Estimate(circuit, 2, inputs, weights);
        var c = ShotEngine.Local(300, seed: 10).Estimate(circuit, 2, inputs, weights);

        Assert.Equal(a.Expectations.ToArray(), b.Expectations.ToArray());
        Assert.NotEqual(a.Expectations.ToArray(), c.Expectations.ToArray());
    }

    [Fact]
    public void Parameter_shift_on_shots_approximates_the_exact_gradient()
    {
        var circuit = QsannCircuits.AttentionCircuit(2, 0);
        var (inputs, weights) = Random(circuit, 2, 6);
        var cotangents = Enumerable.Range(0, 2 * circuit.ObservableCount).Select(i => i % 3 == 0 ? 1.0 : -0.5).ToArray();
        var exactGradient = new double[circuit.WeightCount];
        new NativeEngine().Vjp(circuit, 2, inputs, weights, cotangents, new double[cotangents.Length], new double[inputs.Length], exactGradient);

        var shotGradient = new double[circuit.WeightCount];
        new ParameterShiftGradient(ShotEngine.Local(40000, seed: 3)).Vjp(circuit, 2, inputs, weights, cotangents, new double[cotangents.Length], new double[inputs.Length], shotGradient);

        for (var i = 0; i < exactGradient.Length; i++) Assert.InRange(shotGradient[i] - exactGradient[i], -0.06, 0.06); // s.e. about 0.01 at 40000 shots
        Assert.True(exactGradient.Any(g => Math.Abs(g) > 0.1), "the test needs a gradient that is not flat");
    }

    [Fact]
    public void Expectations_of_certain_outcomes_have_no_standard_error()
    {
        Assert.Equal(new ExpectationEstimate(-1, 0), ExpectationEstimate.FromOneProbability(1, 100));
        Assert.Equal(0.1, ExpectationEstimate.FromOneProbability(0.5, 100).StandardError, 12);
    }
}

using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Quantum.Shots;

/// <summary>How far estimates from one shot count lie from the exact expectations.</summary>
/// <param name="Shots">Shots per circuit.</param>
/// <param name="RmsError">Root mean square of estimate − exact over all expectations.</param>
/// <param name="MaxError">The largest |estimate − exact|.</param>
/// <param name="MeanStandardError">The mean standard error the estimator reported.</param>
/// <param name="WithinTwoStandardErrors">Share of estimates within two of their standard errors of the exact value.</param>
/// <param name="Programs">Programs (jobs on a target) the circuits were packed into.</param>
public sealed record ShotAccuracyRow(int Shots, double RmsError, double MaxError, double MeanStandardError, double WithinTwoStandardErrors, int Programs);

/// <summary>
/// Estimates QSANN's token circuits from local shots at several shot counts and compares them with the native engine's
/// exact values (the <c>azure accuracy</c> command): the error falls as 1/√shots, and the reported standard errors track it.
/// </summary>
public static class ShotAccuracy
{
    /// <summary>One row per shot count, on random tokens (angles and weights uniform in [0, π), seeded).</summary>
    /// <param name="circuit">The token circuits.</param>
    /// <param name="tokens">Random tokens to evaluate.</param>
    /// <param name="shotCounts">The shot counts to compare.</param>
    /// <param name="seed">Seeds the angles and the sampling.</param>
    /// <param name="maxQubits">Register size programs are packed into (a target's size).</param>
    public static IReadOnlyList<ShotAccuracyRow> Measure(BranchedCircuit circuit, int tokens, IReadOnlyList<int> shotCounts, int seed, int maxQubits = 29)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(shotCounts);
        foreach (var shots in shotCounts)
            if (shots < 1) throw new ArgumentException($"A shot count must be at least 1; got {shots}.", nameof(shotCounts));
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, tokens * circuit.InputCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * Math.PI).ToArray();
        var exact = new double[tokens * circuit.ObservableCount];
        new NativeEngine().Forward(circuit, tokens, inputs, weights, exact);
        var rows = new List<ShotAccuracyRow>(shotCounts.Count);
        foreach (var shots in shotCounts)
        {
            var estimate = ShotEngine.Local(shots, seed, maxQubits).Estimate(circuit, tokens, inputs, weights);
            var errors = estimate.Expectations.Zip(exact, (e, x) => e - x).ToArray();
            var within = errors.Zip(estimate.StandardErrors, (d, s) => Math.Abs(d) <= 2 * s + 1e-12).Count(w => w);
            rows.Add(new ShotAccuracyRow(shots, Math.Sqrt(errors.Average(d => d * d)), errors.Max(Math.Abs), estimate.StandardErrors.Average(),
                (double)within / errors.Length, estimate.Programs));
        }
        return rows;
    }
}

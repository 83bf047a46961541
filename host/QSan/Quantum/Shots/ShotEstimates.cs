using System.Collections.Immutable;

namespace QSan.Quantum.Shots;

/// <summary>What a shot-based evaluation of a batch returned.</summary>
/// <param name="Expectations">Row-major [batch × observables], like the exact engines.</param>
/// <param name="StandardErrors">Same shape: each estimate's standard error (0 for identities).</param>
/// <param name="Programs">Programs (jobs) that ran.</param>
/// <param name="Circuits">Circuits they held.</param>
/// <param name="ShotsPerProgram">Shots per program.</param>
public sealed record ShotEstimate(ImmutableArray<double> Expectations, ImmutableArray<double> StandardErrors, int Programs, int Circuits, int ShotsPerProgram);

/// <summary>An estimated Pauli expectation.</summary>
/// <param name="Value">The estimate: 1 − 2·P(One) on the measured qubit.</param>
/// <param name="StandardError">Its standard error, √((1 − Value²) / shots) for a ±1 outcome averaged over the shots.</param>
public readonly record struct ExpectationEstimate(double Value, double StandardError)
{
    /// <summary>Estimates ⟨P⟩ from the probability of the −1 outcome (result One) over <paramref name="shots"/> shots.</summary>
    public static ExpectationEstimate FromOneProbability(double oneProbability, int shots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 1);
        var value = Math.Clamp(1 - 2 * oneProbability, -1, 1);
        return new ExpectationEstimate(value, Math.Sqrt(Math.Max(0, 1 - value * value) / shots));
    }
}

namespace QSan.Quantum.Shots;

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

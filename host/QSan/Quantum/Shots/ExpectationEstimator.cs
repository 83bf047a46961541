namespace QSan.Quantum.Shots;

/// <summary>Turns the outcome histograms of a plan's programs into expectations with standard errors.</summary>
public static class ExpectationEstimator
{
    /// <summary>
    /// Reads every observable of <paramref name="plan"/> from its circuit's slot in the program histograms: circuit c is slot
    /// c mod <paramref name="slotsPerProgram"/> of program c / <paramref name="slotsPerProgram"/> (<see cref="PackedProgram.Pack"/>).
    /// </summary>
    public static (double[] Values, double[] StandardErrors) Estimate(MeasurementPlan plan, int slotsPerProgram, IReadOnlyList<OutcomeHistogram> programs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(programs);
        var expectedPrograms = (plan.Circuits.Length + slotsPerProgram - 1) / slotsPerProgram;
        if (programs.Count != expectedPrograms) throw new ArgumentException($"Expected {expectedPrograms} program results, got {programs.Count}.", nameof(programs));
        var values = new double[plan.Sources.Length];
        var errors = new double[plan.Sources.Length];
        for (var i = 0; i < plan.Sources.Length; i++)
        {
            var source = plan.Sources[i];
            if (source.Circuit < 0)
            {
                values[i] = 1;
                continue;
            }
            var n = plan.Circuits[source.Circuit].QubitCount;
            var histogram = programs[source.Circuit / slotsPerProgram];
            var bit = source.Circuit % slotsPerProgram * n + source.Qubit;
            var estimate = ExpectationEstimate.FromOneProbability(histogram.OneProbability(bit), histogram.Shots);
            values[i] = estimate.Value;
            errors[i] = estimate.StandardError;
        }
        return (values, errors);
    }
}

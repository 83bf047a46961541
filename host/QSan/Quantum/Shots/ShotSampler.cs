namespace QSan.Quantum.Shots;

/// <summary>Draws measurement shots from exact outcome probabilities (inverse-CDF sampling, one uniform number per shot).</summary>
public static class ShotSampler
{
    /// <summary>Samples <paramref name="shots"/> outcomes of a distribution over 2^<paramref name="bitCount"/> basis states.</summary>
    /// <param name="probabilities">P(basis state i), bit q of i = result q; sums to 1 up to rounding.</param>
    /// <param name="bitCount">Results per shot.</param>
    /// <param name="shots">How many shots.</param>
    /// <param name="random">The source of randomness (seed it for reproducible runs).</param>
    public static OutcomeHistogram Sample(ReadOnlySpan<double> probabilities, int bitCount, int shots, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 1);
        if (probabilities.Length != 1 << bitCount) throw new ArgumentException($"Expected 2^{bitCount} probabilities, got {probabilities.Length}.", nameof(probabilities));
        var cumulative = new double[probabilities.Length];
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++) cumulative[i] = sum += probabilities[i];
        var counts = new Dictionary<ulong, int>();
        for (var s = 0; s < shots; s++)
        {
            var u = random.NextDouble() * sum;
            var index = Array.BinarySearch(cumulative, u);
            index = index < 0 ? ~index : index + 1; // first entry strictly above u
            index = Math.Min(index, cumulative.Length - 1);
            while (probabilities[index] == 0 && index > 0) index--; // never report an impossible outcome at the top edge
            counts[(ulong)index] = counts.GetValueOrDefault((ulong)index) + 1;
        }
        return OutcomeHistogram.FromCounts(bitCount, counts);
    }
}

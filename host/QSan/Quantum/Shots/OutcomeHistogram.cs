using System.Collections.Immutable;

namespace QSan.Quantum.Shots;

/// <summary>One measured outcome and how often it occurred.</summary>
/// <param name="Bits">Bit i is result i of the program (for our programs, qubit i): 1 for <c>One</c> (eigenvalue −1).</param>
/// <param name="Probability">Its frequency (counts / shots), or its exact probability where the target reports one.</param>
public readonly record struct Outcome(ulong Bits, double Probability);

/// <summary>
/// A program's outcome distribution in one bit order for every provider: whatever the output format wrote (IonQ's
/// integer keys, Quantinuum's register strings, Microsoft's result arrays), bit i here is result i.
/// </summary>
/// <param name="BitCount">Results per shot.</param>
/// <param name="Outcomes">Distinct outcomes with their frequencies (summing to 1).</param>
/// <param name="Shots">Shots behind the frequencies (the requested shots where the target reports exact probabilities).</param>
public sealed record OutcomeHistogram(int BitCount, ImmutableArray<Outcome> Outcomes, int Shots)
{
    /// <summary>Builds a histogram from counts.</summary>
    public static OutcomeHistogram FromCounts(int bitCount, IReadOnlyDictionary<ulong, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var shots = counts.Values.Sum();
        if (shots <= 0) throw new ArgumentException("A histogram needs at least one shot.", nameof(counts));
        return new OutcomeHistogram(bitCount, [.. counts.OrderBy(c => c.Key).Select(c => new Outcome(c.Key, (double)c.Value / shots))], shots);
    }

    /// <summary>P(result <paramref name="bit"/> = 1).</summary>
    public double OneProbability(int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, BitCount);
        double p = 0;
        foreach (var o in Outcomes) if ((o.Bits >> bit & 1) == 1) p += o.Probability;
        return p;
    }

    /// <summary>The distribution of results <paramref name="first"/> … <paramref name="first"/>+<paramref name="count"/>−1, re-based to bit 0.</summary>
    public OutcomeHistogram Slice(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, BitCount);
        var mask = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
        var merged = new SortedDictionary<ulong, double>();
        foreach (var o in Outcomes)
        {
            var key = o.Bits >> first & mask;
            merged[key] = merged.GetValueOrDefault(key) + o.Probability;
        }
        return new OutcomeHistogram(count, [.. merged.Select(m => new Outcome(m.Key, m.Value))], Shots);
    }

    /// <summary>Outcome bits as a string, result 0 first (e.g. "011" for results 0=Zero, 1=One, 2=One).</summary>
    public static string Format(ulong bits, int bitCount) =>
        string.Concat(Enumerable.Range(0, bitCount).Select(i => (bits >> i & 1) == 1 ? '1' : '0'));
}

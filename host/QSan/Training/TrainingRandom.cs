namespace QSan.Training;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a small generator whose whole state is four integers, so a checkpoint can
/// store it and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
/// </summary>
public sealed class TrainingRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>Seeds the state with SplitMix64 from <paramref name="seed"/>.</summary>
    public TrainingRandom(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>Restores a state saved with <see cref="State"/>.</summary>
    public TrainingRandom(IReadOnlyList<ulong> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 4 || (state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("A generator state is four integers, not all zero.", nameof(state));
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>The current state (for checkpoints).</summary>
    public ulong[] State => [s0, s1, s2, s3];

    /// <summary>
    /// A seed for an independent purpose (initialisation, shuffling, …) derived from a user seed and a stream number,
    /// so changing one purpose's consumption never shifts another's numbers.
    /// </summary>
    public static ulong DeriveSeed(int seed, int stream)
    {
        var x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)stream * 0xD1B54A32D192ED03UL);
        return SplitMix(ref x);
    }

    /// <summary>Seed of the stratified validation split carved from the training split.</summary>
    public static int ValidationSeed(int seed) => unchecked((int)DeriveSeed(seed, 1));

    /// <summary>The generator of the model's initial parameters.</summary>
    public static Random ForInitialisation(int seed) => new(unchecked((int)DeriveSeed(seed, 2)));

    /// <summary>The generator that shuffles the training split every epoch (its state is checkpointed).</summary>
    public static TrainingRandom ForShuffling(int seed) => new(DeriveSeed(seed, 3));

    /// <summary>
    /// Seed of local shot sampling in a phase (an epoch, or 0 for the final scores), so what a phase draws depends on the
    /// seed and the phase only, and a resumed run samples as an uninterrupted one.
    /// </summary>
    public static int SamplingSeed(int seed, int phase) => unchecked((int)DeriveSeed(unchecked((int)DeriveSeed(seed, 4)), phase));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

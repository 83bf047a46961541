namespace QSan.Quantum.Shots;

/// <summary>
/// Shot sampling without a network: each slot's exact outcome distribution over all its qubits comes from
/// <see cref="StateVectorSimulator"/>, and shots are drawn from it with a seeded generator. The slots of a program act on
/// disjoint registers, so a program's shot is the concatenation of independent per-slot draws.
/// </summary>
/// <param name="seed">Seed of the sampler; the same seed and inputs give the same counts.</param>
/// <param name="maxQubits">Register size to pack programs into (like a target's qubit count).</param>
public sealed class LocalShotBackend(int seed = 1, int maxQubits = 64) : IShotBackend
{
    private Random random = new(seed);

    /// <inheritdoc/>
    public string Name => "local-shots";

    /// <inheritdoc/>
    public int MaxQubits { get; } = maxQubits;

    /// <summary>Samples from here on as a new backend seeded with <paramref name="seed"/> would (training reseeds every epoch, so a resumed run draws what an uninterrupted one does).</summary>
    public void Reseed(int seed) => random = new Random(seed);

    /// <inheritdoc/>
    public IReadOnlyList<OutcomeHistogram> Run(IReadOnlyList<PackedProgram> programs, int shots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programs);
        var results = new List<OutcomeHistogram>(programs.Count);
        foreach (var program in programs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = program.QubitsPerSlot;
            var slots = program.Slots.Select(s => ShotSampler.Sample(StateVectorSimulator.Probabilities(s.ToConstantCircuit()), n, shots, random)).ToArray();
            results.Add(Combine(slots, n, shots));
        }
        return results;
    }

    // Joint histogram of independent slots, built shot by shot so a program's shots are what hardware would return.
    private OutcomeHistogram Combine(OutcomeHistogram[] slots, int n, int shots)
    {
        if (slots.Length == 1) return slots[0];
        var pools = slots.Select(Expand).ToArray();
        var counts = new Dictionary<ulong, int>();
        for (var s = 0; s < shots; s++)
        {
            ulong bits = 0;
            for (var j = 0; j < pools.Length; j++) bits |= pools[j][s] << (j * n);
            counts[bits] = counts.GetValueOrDefault(bits) + 1;
        }
        return OutcomeHistogram.FromCounts(n * slots.Length, counts);

        // Every slot's shots in a random order, so pairing shot s of each slot is an independent draw.
        ulong[] Expand(OutcomeHistogram h)
        {
            var list = h.Outcomes.SelectMany(o => Enumerable.Repeat(o.Bits, (int)Math.Round(o.Probability * h.Shots))).ToArray();
            random.Shuffle(list);
            return list;
        }
    }
}

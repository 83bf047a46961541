using System.Collections.Immutable;
using System.Globalization;

namespace QSan.Quantum.Noise;

/// <summary>
/// Which single-qubit channels follow which gates, and how often a measurement reads the wrong bit. Channels act on
/// each qubit a gate touched (both qubits of a two-qubit gate), as on Microsoft's noisy simulator, except the optional
/// depolarizing channel on a two-qubit gate's pair (<see cref="PairDepolarizing"/>); the measurement's basis change (H for
/// X, S† then H for Y) is a gate too, and gets the single-qubit channels.
/// </summary>
/// <param name="Spec">The specification the model was read from (<see cref="Parse"/>); what checkpoints and results record.</param>
/// <param name="AfterSingleQubitGates">Channels applied, in order, to the qubit of every single-qubit gate.</param>
/// <param name="AfterTwoQubitGates">Channels applied, in order, to both qubits of every two-qubit gate.</param>
/// <param name="BeforeMeasurement">Channels applied to a measured qubit just before it is measured.</param>
/// <param name="ReadoutError">Probability that a measurement reports the other outcome (scales ⟨P⟩ by 1 − 2p).</param>
/// <param name="MaxQubits">The device's register size for hardware presets, or null for no limit.</param>
/// <param name="PairDepolarizing">
/// Error probability p of a two-qubit depolarizing channel on the pair of every two-qubit gate, applied before
/// <paramref name="AfterTwoQubitGates"/>: with probability p one of the 15 non-identity Pauli pairs (p/15 each). Unlike a
/// channel on each qubit it correlates the two errors; IonQ's simulator models are written this way.
/// </param>
public sealed record NoiseModel(
    string Spec,
    ImmutableArray<NoiseChannel> AfterSingleQubitGates,
    ImmutableArray<NoiseChannel> AfterTwoQubitGates,
    ImmutableArray<NoiseChannel> BeforeMeasurement,
    double ReadoutError = 0,
    int? MaxQubits = null,
    double PairDepolarizing = 0)
{
    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string AcceptedForms =
        "none, a preset (ionq-aria, ionq-forte, quantinuum-h2), or channels joined by '+', each [placement@]channel with placement gates (default: after every gate), 1q, 2q, measure or microsoft (after every gate and before each measurement, as Microsoft's runWithNoise), channel " + NoiseChannel.AcceptedNames + ", or pair-depolarizing:p (on the pair of every two-qubit gate), or readout:p";

    /// <summary>No noise.</summary>
    public static NoiseModel None { get; } = new("none", [], [], []);

    /// <summary>
    /// IonQ Aria (ionq.qpu.aria-1/-2, 25 qubits), from the system fidelities Microsoft publishes for it: single-qubit gates
    /// 99.95 %, two-qubit gates 99.6 %, SPAM 99.61 % (sources: docs/provenance.md). IonQ's own aria-1 simulator model is
    /// noisier; <c>ProviderNoise.SimulatorModel</c> reproduces that one.
    /// </summary>
    public static NoiseModel IonQAria { get; } = FromFidelities("ionq-aria", 0.9995, 0.996, 0.9961, 25);

    /// <summary>
    /// IonQ Forte (ionq.qpu.forte-1, Forte Enterprise alike; 36 qubits), from IonQ's direct randomized benchmarking of it:
    /// error rates 2.0×10⁻⁴ for single-qubit and 46.4×10⁻⁴ for two-qubit gates, the figures of IonQ's forte-1 simulator
    /// model too (sources: docs/provenance.md). A DRB error rate is a process infidelity, so the average gate infidelity
    /// is 2/3 of it for one qubit and 4/5 for two; the preset then equals IonQ's forte-1 model. No readout error: IonQ
    /// publishes no SPAM figure for Forte.
    /// </summary>
    public static NoiseModel IonQForte { get; } = FromFidelities("ionq-forte", 1 - 2.0 / 3 * 2.0e-4, 1 - 4.0 / 5 * 46.4e-4, 1, 36);

    /// <summary>
    /// Quantinuum H2 (H2-1, 56 qubits), from Quantinuum's H2 product data sheet (row 2024_05_20 of its published
    /// specification data): average infidelities from randomized benchmarking, leakage included, of 3.4×10⁻⁵ for
    /// single-qubit gates, 1.36×10⁻³ for two-qubit gates and 1.5×10⁻³ for SPAM (sources: docs/provenance.md).
    /// </summary>
    public static NoiseModel QuantinuumH2 { get; } = FromFidelities("quantinuum-h2", 1 - 3.4e-5, 1 - 1.36e-3, 1 - 1.5e-3, 56);

    /// <summary>The named presets.</summary>
    public static ImmutableArray<NoiseModel> Presets { get; } = [IonQAria, IonQForte, QuantinuumH2];

    /// <summary>Whether the model adds no noise at all.</summary>
    public bool IsNoiseless => ReadoutError == 0 && PairDepolarizing == 0 && AfterSingleQubitGates.All(c => c.IsIdentity)
        && AfterTwoQubitGates.All(c => c.IsIdentity) && BeforeMeasurement.All(c => c.IsIdentity);

    /// <summary>Throws <see cref="NoiseException"/> when the model does not fit a circuit of <paramref name="qubits"/> qubits.</summary>
    public void CheckQubits(int qubits)
    {
        if (MaxQubits is { } max && qubits > max)
            throw new NoiseException($"Noise model '{Spec}' describes a {max}-qubit device; the circuit has {qubits} qubits.");
    }

    /// <summary>A model with one channel after every gate (each qubit it touched), e.g. the study's ladder of strengths.</summary>
    public static NoiseModel AfterEveryGate(NoiseChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        channel.Validate();
        return new(channel.ToString(), [channel], [channel], []);
    }

    /// <summary>
    /// Reads a <c>--noise</c> value: <c>none</c>, a preset name, or terms joined by <c>+</c>, e.g.
    /// <c>depolarizing:0.01</c>, <c>2q@depolarizing:0.01+readout:0.005</c>, <c>microsoft@pauli:0.01:0:0.02</c>,
    /// <c>1q@depolarizing:0.0004+pair-depolarizing:0.012</c>.
    /// </summary>
    /// <exception cref="NoiseException">The text names no preset or channel, or a probability is out of range.</exception>
    public static NoiseModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spec = text.Trim();
        if (spec.Length == 0 || spec.Equals("none", StringComparison.OrdinalIgnoreCase)) return None;
        foreach (var preset in Presets)
            if (preset.Spec.Equals(spec, StringComparison.OrdinalIgnoreCase)) return preset;
        var one = ImmutableArray.CreateBuilder<NoiseChannel>();
        var two = ImmutableArray.CreateBuilder<NoiseChannel>();
        var measure = ImmutableArray.CreateBuilder<NoiseChannel>();
        var readout = 0.0;
        var pair = 0.0;
        foreach (var raw in spec.Split('+'))
        {
            var term = raw.Trim();
            var at = term.IndexOf('@', StringComparison.Ordinal);
            var placement = at < 0 ? "gates" : term[..at].Trim().ToLowerInvariant();
            var body = at < 0 ? term : term[(at + 1)..];
            if (body.StartsWith(PairDepolarizingName + ":", StringComparison.OrdinalIgnoreCase))
            {
                if (at >= 0 && placement != "2q") throw new NoiseException($"{PairDepolarizingName}:p acts on the pair of a two-qubit gate; it takes no placement but 2q; got '{term}'.");
                if (!double.TryParse(body[(PairDepolarizingName.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p >= 0 && p <= 1))
                    throw new NoiseException($"The {PairDepolarizingName} error probability must lie in [0, 1]; got '{body}'.");
                pair = pair == 0 ? p : PairFromShrink((1 - 16.0 / 15 * pair) * (1 - 16.0 / 15 * p));
                continue;
            }
            if (body.StartsWith("readout:", StringComparison.OrdinalIgnoreCase))
            {
                if (at >= 0) throw new NoiseException($"readout:p takes no placement; got '{term}'.");
                if (!double.TryParse(body["readout:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p >= 0 && p <= 1))
                    throw new NoiseException($"The readout error must be a probability in [0, 1]; got '{body}'.");
                readout = 1 - (1 - readout) * (1 - p) - readout * p; // two flips cancel
                continue;
            }
            NoiseChannel channel;
            try { channel = NoiseChannel.Parse(body); }
            catch (NoiseException e) when (at < 0 && NoiseChannel.KindOf(body.Split(':')[0]) is null)
            {
                throw new NoiseException($"Unknown noise model '{text}': use {AcceptedForms}.", e);
            }
            switch (placement)
            {
                case "gates": one.Add(channel); two.Add(channel); break;
                case "1q": one.Add(channel); break;
                case "2q": two.Add(channel); break;
                case "measure": measure.Add(channel); break;
                case "microsoft": one.Add(channel); two.Add(channel); measure.Add(channel); break;
                default: throw new NoiseException($"Unknown noise placement '{term[..at]}' in '{term}': use gates, 1q, 2q, measure or microsoft.");
            }
        }
        return new NoiseModel(spec, one.ToImmutable(), two.ToImmutable(), measure.ToImmutable(), readout, PairDepolarizing: pair);
    }

    /// <summary>The term that sets <see cref="PairDepolarizing"/>.</summary>
    public const string PairDepolarizingName = "pair-depolarizing";

    /// <summary>
    /// How <see cref="PairDepolarizing"/> scales the Pauli strings that are not the identity on the pair: each anticommutes
    /// with 8 of the 15 error Paulis, so it shrinks by 1 − 16p/15 (strings that are the identity on the pair are untouched).
    /// </summary>
    public double PairShrink => 1 - 16.0 / 15 * PairDepolarizing;

    // Two pair channels in a row shrink by the product; the p of one channel that does the same.
    private static double PairFromShrink(double shrink) => 15.0 / 16 * (1 - shrink);

    /// <summary>
    /// The model for a device from its average gate fidelities and SPAM fidelity. An average gate fidelity F becomes a
    /// depolarizing channel whose error probability is the process infidelity: p = 3/2 (1 − F) after single-qubit gates,
    /// and <c>pair-depolarizing</c> with p = 5/4 (1 − F) on a two-qubit gate's pair (its error is one error of the pair, as
    /// in IonQ's own models); 1 − F of SPAM is the readout error.
    /// </summary>
    public static NoiseModel FromFidelities(string name, double singleQubitFidelity, double twoQubitFidelity, double spamFidelity, int? maxQubits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var (what, f) in new[] { ("single-qubit gate fidelity", singleQubitFidelity), ("two-qubit gate fidelity", twoQubitFidelity), ("SPAM fidelity", spamFidelity) })
            if (!(f >= 0 && f <= 1)) throw new NoiseException(string.Create(CultureInfo.InvariantCulture, $"The {what} must lie in [0, 1]; got {f}."));
        // Rounded to 12 decimals: 1 − 0.9995 is 4.99999…e-4 in binary, and the presets should read as the figures they come from.
        static double Clean(double p) => Math.Round(Math.Min(1, p), 12);
        return new NoiseModel(name,
            [NoiseChannel.Depolarizing(Clean(1.5 * (1 - singleQubitFidelity)))],
            [],
            [], Clean(1 - spamFidelity), maxQubits, PairDepolarizing: Clean(1.25 * (1 - twoQubitFidelity)));
    }

    /// <summary>Models are equal when their channels, readout error and register limit are.</summary>
    public bool Equals(NoiseModel? other) =>
        other is not null && AfterSingleQubitGates.SequenceEqual(other.AfterSingleQubitGates) && AfterTwoQubitGates.SequenceEqual(other.AfterTwoQubitGates)
        && BeforeMeasurement.SequenceEqual(other.BeforeMeasurement) && ReadoutError == other.ReadoutError && MaxQubits == other.MaxQubits
        && PairDepolarizing == other.PairDepolarizing;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AfterSingleQubitGates.Length, AfterTwoQubitGates.Length, BeforeMeasurement.Length, ReadoutError, MaxQubits, PairDepolarizing);

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

using System.Globalization;
using System.Numerics;

namespace QSan.Quantum.Noise;

/// <summary>The single-qubit noise channels QSan simulates.</summary>
public enum NoiseChannelKind
{
    /// <summary>With probability p one of X, Y, Z (p/3 each): ρ → (1−p)ρ + p/3 (XρX + YρY + ZρZ).</summary>
    Depolarizing,
    /// <summary>Energy relaxation |1⟩ → |0⟩ with probability γ: K₀ = diag(1, √(1−γ)), K₁ = √γ |0⟩⟨1|.</summary>
    AmplitudeDamping,
    /// <summary>Loss of phase without energy loss: K₀ = diag(1, √(1−λ)), K₁ = diag(0, √λ); coherences shrink by √(1−λ).</summary>
    PhaseDamping,
    /// <summary>X with probability p.</summary>
    BitFlip,
    /// <summary>Z with probability p.</summary>
    PhaseFlip,
    /// <summary>X, Y, Z with probabilities px, py, pz (Microsoft's <c>ConfigurePauliNoise(px, py, pz)</c>).</summary>
    Pauli,
}

/// <summary>
/// One single-qubit channel with its strength. <see cref="Probability"/> is the channel's parameter (p, γ or λ);
/// the general Pauli channel uses <see cref="Px"/>, <see cref="Py"/>, <see cref="Pz"/> instead.
/// </summary>
/// <param name="Kind">The channel.</param>
/// <param name="Probability">p of depolarizing, bit and phase flip; γ of amplitude damping; λ of phase damping; 0 for Pauli.</param>
/// <param name="Px">Probability of an X error (Pauli channel only).</param>
/// <param name="Py">Probability of a Y error (Pauli channel only).</param>
/// <param name="Pz">Probability of a Z error (Pauli channel only).</param>
public sealed record NoiseChannel(NoiseChannelKind Kind, double Probability, double Px = 0, double Py = 0, double Pz = 0)
{
    /// <summary>The names <see cref="Parse"/> accepts, for messages.</summary>
    public const string AcceptedNames =
        "depolarizing:p, amplitude-damping:γ, phase-damping:λ, bit-flip:p, phase-flip:p, pauli:px:py:pz";

    /// <summary>Depolarizing with error probability <paramref name="p"/>.</summary>
    public static NoiseChannel Depolarizing(double p) => new NoiseChannel(NoiseChannelKind.Depolarizing, p).Validate();

    /// <summary>Amplitude damping with decay probability <paramref name="gamma"/>.</summary>
    public static NoiseChannel AmplitudeDamping(double gamma) => new NoiseChannel(NoiseChannelKind.AmplitudeDamping, gamma).Validate();

    /// <summary>Phase damping with parameter <paramref name="lambda"/>.</summary>
    public static NoiseChannel PhaseDamping(double lambda) => new NoiseChannel(NoiseChannelKind.PhaseDamping, lambda).Validate();

    /// <summary>Bit flip with probability <paramref name="p"/>.</summary>
    public static NoiseChannel BitFlip(double p) => new NoiseChannel(NoiseChannelKind.BitFlip, p).Validate();

    /// <summary>Phase flip with probability <paramref name="p"/>.</summary>
    public static NoiseChannel PhaseFlip(double p) => new NoiseChannel(NoiseChannelKind.PhaseFlip, p).Validate();

    /// <summary>The Pauli channel with X, Y, Z error probabilities.</summary>
    public static NoiseChannel Pauli(double px, double py, double pz) => new NoiseChannel(NoiseChannelKind.Pauli, 0, px, py, pz).Validate();

    /// <summary>The channel's name as <see cref="Parse"/> reads it, e.g. <c>amplitude-damping</c>.</summary>
    public string Name => KindName(Kind);

    /// <summary>Whether the channel is the identity (all probabilities 0).</summary>
    public bool IsIdentity => Probability == 0 && Px == 0 && Py == 0 && Pz == 0;

    /// <summary>Whether the channel is a mixture of Paulis (a diagonal map on the Pauli basis).</summary>
    public bool IsPauliChannel => Kind is not (NoiseChannelKind.AmplitudeDamping or NoiseChannelKind.PhaseDamping);

    /// <summary>The Pauli error probabilities (px, py, pz) of a Pauli channel; throws for the others.</summary>
    public (double Px, double Py, double Pz) PauliProbabilities => Kind switch
    {
        NoiseChannelKind.Depolarizing => (Probability / 3, Probability / 3, Probability / 3),
        NoiseChannelKind.BitFlip => (Probability, 0, 0),
        NoiseChannelKind.PhaseFlip => (0, 0, Probability),
        NoiseChannelKind.Pauli => (Px, Py, Pz),
        _ => throw new InvalidOperationException($"{Name} is not a Pauli channel."),
    };

    /// <summary>Throws <see cref="NoiseException"/> when a probability lies outside [0, 1] (or the Pauli ones sum above 1).</summary>
    public NoiseChannel Validate()
    {
        static void Check(string what, double value)
        {
            if (!(value >= 0 && value <= 1))
                throw new NoiseException(string.Create(CultureInfo.InvariantCulture, $"The {what} must lie in [0, 1]; got {value}."));
        }
        if (Kind == NoiseChannelKind.Pauli)
        {
            Check("X error probability of the Pauli channel", Px);
            Check("Y error probability of the Pauli channel", Py);
            Check("Z error probability of the Pauli channel", Pz);
            if (Px + Py + Pz > 1 + 1e-12)
                throw new NoiseException(string.Create(CultureInfo.InvariantCulture, $"The Pauli channel's probabilities px + py + pz must be at most 1; got {Px + Py + Pz}."));
            if (Probability != 0) throw new NoiseException("The Pauli channel takes px, py, pz, not one probability.");
        }
        else
        {
            Check($"{Name} probability", Probability);
            if (Px != 0 || Py != 0 || Pz != 0) throw new NoiseException($"Only the Pauli channel takes px, py, pz; {Name} takes one probability.");
        }
        return this;
    }

    /// <summary>The Kraus operators K_k (2×2, row-major [row, column]); Σ K_k† K_k = I.</summary>
    public Complex[][,] Kraus()
    {
        Validate();
        var i = Complex.ImaginaryOne;
        static Complex[,] Scaled(double s, Complex[,] m) => new[,] { { s * m[0, 0], s * m[0, 1] }, { s * m[1, 0], s * m[1, 1] } };
        Complex[,] id = { { 1, 0 }, { 0, 1 } }, x = { { 0, 1 }, { 1, 0 } }, y = { { 0, -i }, { i, 0 } }, z = { { 1, 0 }, { 0, -1 } };
        switch (Kind)
        {
            case NoiseChannelKind.AmplitudeDamping:
                return [new Complex[,] { { 1, 0 }, { 0, Math.Sqrt(1 - Probability) } }, new Complex[,] { { 0, Math.Sqrt(Probability) }, { 0, 0 } }];
            case NoiseChannelKind.PhaseDamping:
                return [new Complex[,] { { 1, 0 }, { 0, Math.Sqrt(1 - Probability) } }, new Complex[,] { { 0, 0 }, { 0, Math.Sqrt(Probability) } }];
            default:
                var (px, py, pz) = PauliProbabilities;
                return [Scaled(Math.Sqrt(Math.Max(0, 1 - px - py - pz)), id), Scaled(Math.Sqrt(px), x), Scaled(Math.Sqrt(py), y), Scaled(Math.Sqrt(pz), z)];
        }
    }

    /// <summary>
    /// The channel as a 4×4 matrix on the entries (ρ₀₀, ρ₀₁, ρ₁₀, ρ₁₁) of a qubit's density matrix (index 2·row + column):
    /// S[(a,b),(c,d)] = Σ_k K_k[a,c] conj(K_k[b,d]).
    /// </summary>
    public Complex[,] Superoperator() => SuperoperatorOf(Kraus());

    /// <summary>The 4×4 superoperator of Kraus operators (see <see cref="Superoperator"/>).</summary>
    public static Complex[,] SuperoperatorOf(IEnumerable<Complex[,]> kraus)
    {
        ArgumentNullException.ThrowIfNull(kraus);
        var s = new Complex[4, 4];
        foreach (var k in kraus)
            for (var a = 0; a < 2; a++)
                for (var b = 0; b < 2; b++)
                    for (var c = 0; c < 2; c++)
                        for (var d = 0; d < 2; d++)
                            s[2 * a + b, 2 * c + d] += k[a, c] * Complex.Conjugate(k[b, d]);
        return s;
    }

    /// <summary>Reads <c>name:strength</c> (e.g. <c>depolarizing:0.01</c>) or <c>pauli:px:py:pz</c>.</summary>
    public static NoiseChannel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        var name = parts[0].Trim().ToLowerInvariant();
        double Number(int index)
        {
            if (index >= parts.Length || !double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new NoiseException($"Noise channel '{text}' needs a probability after '{name}:'; use {AcceptedNames}.");
            return value;
        }
        var kind = KindOf(name) ?? throw new NoiseException($"Unknown noise channel '{parts[0]}': use {AcceptedNames}.");
        if (kind == NoiseChannelKind.Pauli)
        {
            if (parts.Length != 4) throw new NoiseException($"The Pauli channel reads pauli:px:py:pz; got '{text}'.");
            return Pauli(Number(1), Number(2), Number(3));
        }
        if (parts.Length != 2) throw new NoiseException($"Noise channel '{text}' reads {name}:probability.");
        return new NoiseChannel(kind, Number(1)).Validate();
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == NoiseChannelKind.Pauli
        ? string.Create(CultureInfo.InvariantCulture, $"pauli:{Px:R}:{Py:R}:{Pz:R}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}:{Probability:R}");

    /// <summary>The name of a channel kind, e.g. <c>amplitude-damping</c>.</summary>
    public static string KindName(NoiseChannelKind kind) => kind switch
    {
        NoiseChannelKind.Depolarizing => "depolarizing",
        NoiseChannelKind.AmplitudeDamping => "amplitude-damping",
        NoiseChannelKind.PhaseDamping => "phase-damping",
        NoiseChannelKind.BitFlip => "bit-flip",
        NoiseChannelKind.PhaseFlip => "phase-flip",
        _ => "pauli",
    };

    /// <summary>The kind a channel name denotes, or null.</summary>
    public static NoiseChannelKind? KindOf(string name) => name.Trim().ToLowerInvariant() switch
    {
        "depolarizing" or "depolarising" => NoiseChannelKind.Depolarizing,
        "amplitude-damping" => NoiseChannelKind.AmplitudeDamping,
        "phase-damping" => NoiseChannelKind.PhaseDamping,
        "bit-flip" => NoiseChannelKind.BitFlip,
        "phase-flip" => NoiseChannelKind.PhaseFlip,
        "pauli" => NoiseChannelKind.Pauli,
        _ => null,
    };
}

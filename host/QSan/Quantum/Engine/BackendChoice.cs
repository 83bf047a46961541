using System.Globalization;
using QSan.Quantum.Noise;

namespace QSan.Quantum.Engine;

/// <summary>Which exact engine evaluates the QSANN circuits, or whether they are sampled with shots.</summary>
public enum Backend
{
    /// <summary>The native batched state-vector engine with adjoint gradients (fast; default).</summary>
    Native,

    /// <summary>Microsoft's Q# simulator through the bridge, differentiated by parameter shift (slow; fine for MC).</summary>
    QSharp,

    /// <summary>
    /// Expectations estimated from shots sampled locally (the estimator of the Azure Quantum backend), gradients by
    /// parameter shift through it: training as hardware would see it, without the network.
    /// </summary>
    Shots,
}

/// <summary>
/// What a <c>--backend</c> names: an exact engine (<c>native</c>, <c>qsharp</c>), local shot sampling (<c>shots:1000</c>)
/// or an Azure Quantum target (<c>azure:ionq.simulator</c>). Exactly one of the three is set.
/// </summary>
/// <param name="Exact">The exact engine, or null.</param>
/// <param name="LocalShots">Shots per program of local sampling, or null.</param>
/// <param name="AzureTarget">The Azure Quantum target id, or null.</param>
/// <param name="Noise">
/// Noise simulated on the circuits (the native engine then runs density matrices; local shots sample the noisy
/// expectations), or null for none.
/// </param>
public sealed record BackendChoice(Backend? Exact, int? LocalShots, string? AzureTarget, NoiseModel? Noise = null)
{
    /// <summary>The prefix of local shot sampling: "shots:1000".</summary>
    public const string ShotsPrefix = "shots:";

    /// <summary>The prefix of an Azure Quantum target: "azure:ionq.simulator".</summary>
    public const string AzurePrefix = "azure:";

    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string AcceptedForms =
        "native, qsharp, shots:<count> (local shot sampling, e.g. shots:1000) or azure:<target> (e.g. azure:ionq.simulator, azure:quantinuum.sim.h2-1e)";

    /// <summary>The native state-vector engine.</summary>
    public static BackendChoice Native { get; } = new(Backend.Native, null, null);

    /// <summary>Microsoft's Q# simulator.</summary>
    public static BackendChoice QSharp { get; } = new(Backend.QSharp, null, null);

    /// <summary>Expectations from <paramref name="shots"/> shots per circuit, sampled locally.</summary>
    public static BackendChoice Shots(int shots) =>
        shots >= 1 ? new(null, shots, null) : throw new ArgumentException($"A shot count must be at least 1; got {shots}.", nameof(shots));

    /// <summary>An Azure Quantum target, e.g. <c>ionq.simulator</c>.</summary>
    public static BackendChoice Azure(string target) =>
        !string.IsNullOrWhiteSpace(target) ? new(null, null, target.Trim()) : throw new ArgumentException("An Azure Quantum target needs a name, e.g. ionq.simulator.", nameof(target));

    /// <summary>Whether a noise model with any noise in it is attached.</summary>
    public bool IsNoisy => Noise is { IsNoiseless: false };

    /// <summary>This backend with <paramref name="noise"/> simulated (null or <see cref="NoiseModel.None"/>: noiseless).</summary>
    /// <exception cref="NoiseException">The backend cannot simulate noise: Microsoft's simulator (its noisy mode samples
    /// shots, not the exact expectations this backend gives) or a hardware target (which has its own noise).</exception>
    public BackendChoice WithNoise(NoiseModel? noise)
    {
        if (noise is null || noise.IsNoiseless) return this with { Noise = null };
        if (AzureTarget is not null)
            throw new NoiseException($"{AzurePrefix}{AzureTarget} runs on Azure Quantum, whose targets have their own noise; a noise model is simulated locally: use it with native or {ShotsPrefix}<count>.");
        if (Exact == Backend.QSharp)
            throw new NoiseException("A noise model runs on the native density-matrix engine (exact) or with local shots; Microsoft's simulator is compared with it in the tests, not used for training. Use it with native or shots:<count>.");
        return this with { Noise = noise };
    }

    /// <summary>
    /// The backend a <c>--backend</c> and <c>--noise</c> pair names: the backend (or, when only a noise model is given, the
    /// native engine) with the noise model; the backend alone when there is no noise model; null when neither is given.
    /// </summary>
    public static BackendChoice? Resolve(BackendChoice? backend, NoiseModel? noise) =>
        noise is null ? backend : (backend ?? Native).WithNoise(noise);

    /// <summary>Whether the backend estimates from shots (locally or on Azure).</summary>
    public bool UsesShots => LocalShots is not null || AzureTarget is not null;

    /// <summary>Reads a <c>--backend</c> value; throws <see cref="ArgumentException"/> naming the accepted forms.</summary>
    public static BackendChoice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.Equals("native", StringComparison.OrdinalIgnoreCase)) return Native;
        if (value.Equals("qsharp", StringComparison.OrdinalIgnoreCase)) return QSharp;
        if (value.StartsWith(ShotsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var count = value[ShotsPrefix.Length..];
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var shots) || shots < 1)
                throw new ArgumentException($"Unknown backend '{text}': the shot count must be a whole number of at least 1. Use {AcceptedForms}.");
            return Shots(shots);
        }
        if (value.StartsWith(AzurePrefix, StringComparison.OrdinalIgnoreCase) && value.Length > AzurePrefix.Length)
            return Azure(value[AzurePrefix.Length..]);
        throw new ArgumentException($"Unknown backend '{text}': use {AcceptedForms}.");
    }

    /// <inheritdoc/>
    public override string ToString() => BaseName + (IsNoisy ? $", noise {Noise!.Spec}" : "");

    /// <summary>The backend without its noise: "native", "shots:1000", "azure:ionq.simulator".</summary>
    public string BaseName =>
        Exact is { } exact ? exact.ToString().ToLowerInvariant()
        : LocalShots is { } shots ? string.Create(CultureInfo.InvariantCulture, $"{ShotsPrefix}{shots}")
        : AzurePrefix + AzureTarget;
}

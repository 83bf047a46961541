using System.Globalization;

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
public sealed record BackendChoice(Backend? Exact, int? LocalShots, string? AzureTarget)
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
    public override string ToString() =>
        Exact is { } exact ? exact.ToString().ToLowerInvariant()
        : LocalShots is { } shots ? string.Create(CultureInfo.InvariantCulture, $"{ShotsPrefix}{shots}")
        : AzurePrefix + AzureTarget;
}

using System.Globalization;
using QSan.Azure.Engines;
using QSan.Training;

namespace QSan.Cli;

/// <summary>
/// What an evaluation's <c>--backend</c> names: an exact engine (<c>native</c>, <c>qsharp</c>), local shot sampling
/// (<c>shots:1000</c>) or an Azure Quantum target (<c>azure:ionq.simulator</c>). Exactly one of the three is set.
/// </summary>
/// <param name="Exact">The exact engine, or null.</param>
/// <param name="LocalShots">Shots per program of local sampling, or null.</param>
/// <param name="AzureTarget">The Azure Quantum target id, or null.</param>
public sealed record BackendChoice(Backend? Exact, int? LocalShots, string? AzureTarget)
{
    /// <summary>The prefix of local shot sampling: "shots:1000".</summary>
    public const string ShotsPrefix = "shots:";

    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string AcceptedForms =
        "native, qsharp, shots:<count> (local shot sampling, e.g. shots:1000) or azure:<target> (e.g. azure:ionq.simulator, azure:quantinuum.sim.h2-1e)";

    /// <summary>Whether the backend estimates from shots (locally or on Azure).</summary>
    public bool UsesShots => LocalShots is not null || AzureTarget is not null;

    /// <summary>Reads a <c>--backend</c> value; throws <see cref="ArgumentException"/> naming the accepted forms.</summary>
    public static BackendChoice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.Equals("native", StringComparison.OrdinalIgnoreCase)) return new BackendChoice(Backend.Native, null, null);
        if (value.Equals("qsharp", StringComparison.OrdinalIgnoreCase)) return new BackendChoice(Backend.QSharp, null, null);
        if (value.StartsWith(ShotsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var count = value[ShotsPrefix.Length..];
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var shots) || shots < 1)
                throw new ArgumentException($"Unknown backend '{text}': the shot count must be a whole number of at least 1. Use {AcceptedForms}.");
            return new BackendChoice(null, shots, null);
        }
        if (AzureEngines.TryParseBackend(value, out var target)) return new BackendChoice(null, null, target);
        throw new ArgumentException($"Unknown backend '{text}': use {AcceptedForms}.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Exact is { } exact ? exact.ToString().ToLowerInvariant()
        : LocalShots is { } shots ? string.Create(CultureInfo.InvariantCulture, $"{ShotsPrefix}{shots}")
        : AzureEngines.BackendPrefix + AzureTarget;
}

using System.Text.RegularExpressions;

namespace QSan.Azure.Targets;

/// <summary>
/// The IonQ and Quantinuum targets QSan knows offline, as of <see cref="AsOf"/>, with register sizes and prices; when
/// connected, the workspace's own list (<c>GET providerStatus</c>, whose targets carry <c>numQubits</c> from
/// 2025-12-01-preview on) decides which targets exist and how large they are (<see cref="Live"/>).
/// Sources of the offline table: target ids from azure-quantum-python's target/ionq.py and target/quantinuum.py
/// (commit e7c9490, 2026-08-17); register sizes from Microsoft Learn's provider pages (provider-ionq.md: simulator 29,
/// Aria 1 25, Forte 1 and Forte Enterprise 1 36; provider-quantinuum.md: H2 56, whose emulators run 32 outside the
/// stabilizer mode, see <see cref="RegisterLimit"/>) and, for Helios, which Learn does not list yet, azure-quantum-python's
/// qiskit/backends/quantinuum.py _get_n_qubits (98). Prices from Learn's pricing page (pricing.md, ms.date 09/17/2025):
/// IonQ gate-shot prices and minimums per program with error mitigation on (the default), Quantinuum's HQC formula.
/// Helios takes QIR only (<see cref="PayloadFormat.Qir"/>): azure-quantum-python's OpenQASM backends list H2 alone.
/// </summary>
public static class TargetCatalog
{
    /// <summary>The date of the sources of the offline table.</summary>
    public const string AsOf = "2026-08-21";

    private const string LearnIonQ = "Microsoft Learn, IonQ provider (https://learn.microsoft.com/azure/quantum/provider-ionq)";
    private const string LearnQuantinuum = "Microsoft Learn, Quantinuum provider (https://learn.microsoft.com/azure/quantum/provider-quantinuum)";
    private const string SdkHelios = "azure-quantum-python qiskit/backends/quantinuum.py _get_n_qubits (Learn does not list Helios)";

    /// <summary>The known, current targets.</summary>
    public static IReadOnlyList<TargetInfo> Known { get; } =
    [
        new("ionq.simulator", "ionq", 29, PayloadFormat.IonQCircuit, PricingModel.Free, Description: "IonQ ideal simulator (returns exact probabilities)", QubitsSource: LearnIonQ),
        new("ionq.qpu.aria-1", "ionq", 25, PayloadFormat.IonQCircuit, PricingModel.IonQGateShots, 0.000220, 0.000975, 97.5, "IonQ Aria 1", QubitsSource: LearnIonQ),
        new("ionq.qpu.forte-1", "ionq", 36, PayloadFormat.IonQCircuit, PricingModel.IonQGateShots, 0.0001645, 0.001121, 168.195, "IonQ Forte 1", QubitsSource: LearnIonQ),
        new("ionq.qpu.forte-enterprise-1", "ionq", 36, PayloadFormat.IonQCircuit, PricingModel.IonQGateShots, 0.0001645, 0.001121, 168.195, "IonQ Forte Enterprise 1", QubitsSource: LearnIonQ),
        new("quantinuum.sim.h2-1sc", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum H2-1 syntax checker", QubitsSource: LearnQuantinuum),
        new("quantinuum.sim.h2-1e", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-1 emulator", QubitsSource: LearnQuantinuum),
        new("quantinuum.qpu.h2-1", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-1 QPU", QubitsSource: LearnQuantinuum),
        new("quantinuum.sim.h2-2sc", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum H2-2 syntax checker", QubitsSource: LearnQuantinuum),
        new("quantinuum.sim.h2-2e", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-2 emulator", QubitsSource: LearnQuantinuum),
        new("quantinuum.qpu.h2-2", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-2 QPU", QubitsSource: LearnQuantinuum),
        new("quantinuum.sim.helios-1sc", "quantinuum", 98, PayloadFormat.Qir, PricingModel.Free, Description: "Quantinuum Helios 1 syntax checker", QubitsSource: SdkHelios),
        new("quantinuum.sim.helios-1e", "quantinuum", 98, PayloadFormat.Qir, PricingModel.QuantinuumCredits, Description: "Quantinuum Helios 1 emulator", QubitsSource: SdkHelios),
        new("quantinuum.qpu.helios-1", "quantinuum", 98, PayloadFormat.Qir, PricingModel.QuantinuumCredits, Description: "Quantinuum Helios 1 QPU", QubitsSource: SdkHelios),
    ];

    /// <summary>
    /// Retired targets and when they went: IonQ Harmony (<c>ionq.qpu</c>, retired by IonQ in 2024), Aria 2 (deprecated in
    /// azure-quantum-python commit ce248df, 2025-10-02), Quantinuum H1 (removed in commit b5fd0ad, 2025-10-03).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Retired { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ionq.qpu"] = "IonQ Harmony was retired in 2024",
        ["ionq.qpu.aria-2"] = "IonQ Aria 2 was retired in October 2025",
        ["quantinuum.sim.h1-1sc"] = "Quantinuum H1 was retired in October 2025",
        ["quantinuum.sim.h1-1e"] = "Quantinuum H1 was retired in October 2025",
        ["quantinuum.qpu.h1-1"] = "Quantinuum H1 was retired in October 2025",
        ["quantinuum.sim.h1-2sc"] = "Quantinuum H1 was retired in October 2025",
        ["quantinuum.sim.h1-2e"] = "Quantinuum H1 was retired in October 2025",
        ["quantinuum.qpu.h1-2"] = "Quantinuum H1 was retired in October 2025",
    };

    /// <summary>
    /// The target named <paramref name="id"/>: a known one, or for an unknown id of the ionq. or quantinuum. families an
    /// entry with no known price and the family's smallest register (a requested size, <see cref="RegisterLimit.RequestedSetting"/>, overrides it). A retired target
    /// is refused with a <see cref="TargetRetiredException"/> naming the provider's current targets.
    /// </summary>
    public static TargetInfo Find(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (Retired.TryGetValue(id, out var why)) throw new TargetRetiredException(id, why, CurrentOf(ProviderOf(id), Known.Select(t => t.Id)));
        var known = Known.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
        if (known is not null) return known;
        const string guess = $"a guess for a target outside QSan's catalogue (the family's smallest register); {RegisterLimit.RequestedSetting} overrides it";
        if (id.StartsWith("ionq.", StringComparison.OrdinalIgnoreCase))
            return new TargetInfo(id, "ionq", 25, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ target (not in QSan's catalogue)", QubitsSource: guess, QubitsKnown: false);
        if (id.StartsWith("quantinuum.", StringComparison.OrdinalIgnoreCase))
        {
            var syntaxChecker = Regex.IsMatch(id, @"^.*(-apival|-[0-9]*sc)$");
            // OpenQASM is confirmed for H2 only (azure-quantum-python's OpenQASM backends); anything newer gets QIR.
            var format = id.Contains(".h2-", StringComparison.OrdinalIgnoreCase) ? PayloadFormat.OpenQasm : PayloadFormat.Qir;
            return new TargetInfo(id, "quantinuum", 56, format, syntaxChecker ? PricingModel.Free : PricingModel.QuantinuumCredits,
                Description: "Quantinuum target (not in QSan's catalogue)", QubitsSource: guess, QubitsKnown: false);
        }
        throw new ArgumentException($"Unknown target '{id}'. QSan runs on IonQ (ionq.*) and Quantinuum (quantinuum.*) targets: {string.Join(", ", Known.Select(t => t.Id))}.", nameof(id));
    }

    /// <summary>
    /// The IonQ and Quantinuum targets a workspace offers, from its provider status: QSan's entry for each (prices,
    /// formats) with the live register size where the service gives one (<c>numQubits</c>) and the live availability.
    /// </summary>
    public static IReadOnlyList<TargetInfo> Live(IReadOnlyList<ProviderStatus> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var targets = new List<TargetInfo>();
        foreach (var provider in providers)
            foreach (var status in provider.Targets ?? [])
            {
                if (provider.Id is not ("ionq" or "quantinuum") || Retired.ContainsKey(status.Id)) continue;
                var info = Find(status.Id);
                targets.Add(info with
                {
                    MaxQubits = status.NumQubits is > 0 and var n ? n : info.MaxQubits,
                    QubitsSource = status.NumQubits is > 0 ? "the workspace's live target list (providerStatus numQubits)" : info.QubitsSource,
                    QubitsKnown = status.NumQubits is > 0 || info.QubitsKnown,
                    Availability = status.CurrentAvailability,
                    AverageQueueTime = status.AverageQueueTime,
                });
            }
        return targets;
    }

    /// <summary>
    /// The target <paramref name="id"/> as the workspace offers it (<see cref="Live"/>); throws naming the provider's
    /// current targets when it is retired or the workspace does not offer it.
    /// </summary>
    public static TargetInfo Check(string id, IReadOnlyList<ProviderStatus> providers)
    {
        var offline = Find(id);
        var live = Live(providers);
        return live.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new TargetRetiredException(id, "the workspace does not offer it (it may be retired, or its provider not added to the workspace)",
                CurrentOf(offline.ProviderId, live.Select(t => t.Id)));
    }

    private static string ProviderOf(string id) => id.Split('.')[0].ToLowerInvariant();

    private static IReadOnlyList<string> CurrentOf(string provider, IEnumerable<string> ids)
    {
        var same = ids.Where(t => ProviderOf(t) == provider).ToArray();
        return same.Length > 0 ? same : [.. ids];
    }
}

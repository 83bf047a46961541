using System.Text.RegularExpressions;
using QSan.Azure.Payloads;
using QSan.Azure.Service;

namespace QSan.Azure.Targets;

/// <summary>
/// The IonQ and Quantinuum targets QSan knows offline, as of <see cref="AsOf"/>, with register sizes and prices; when
/// connected, the workspace's own list (<c>GET providerStatus</c>, whose targets carry <c>numQubits</c> from
/// 2025-12-01-preview on) decides which targets exist and how large they are (<see cref="Live"/>).
/// Sources of the offline table: target ids from azure-quantum-python's target/ionq.py and target/quantinuum.py
/// (commit e7c9490, 2026-08-17); IonQ register sizes from its qiskit/backends/ionq.py (simulator 29, Forte 35) and
/// Microsoft's IonQ provider page for Aria 1 (25; the SDK's native-gate Qiskit backend says 23, so the live size wins
/// when connected); Quantinuum sizes from qiskit/backends/quantinuum.py _get_n_qubits (H2 56, Helios 98). Prices are
/// estimates: IonQ gate-shot prices and minimums as the SDK's target/ionq.py had them before it dropped cost estimation
/// (commit 035acc6, 2024-10-23), the Quantinuum HQC formula from target/quantinuum.py; check the workspace's Providers tab.
/// </summary>
public static class TargetCatalog
{
    /// <summary>The date of the sources of the offline table.</summary>
    public const string AsOf = "2026-08-17";

    /// <summary>The known, current targets.</summary>
    public static IReadOnlyList<TargetInfo> Known { get; } =
    [
        new("ionq.simulator", "ionq", 29, PayloadFormat.IonQCircuit, PricingModel.Free, Description: "IonQ ideal simulator (returns exact probabilities)"),
        new("ionq.qpu.aria-1", "ionq", 25, PayloadFormat.IonQCircuit, PricingModel.IonQGateShots, 0.0002205, 0.00098, 97.5, "IonQ Aria 1"),
        new("ionq.qpu.forte-1", "ionq", 35, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ Forte 1"),
        new("ionq.qpu.forte-enterprise-1", "ionq", 35, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ Forte Enterprise 1"),
        new("quantinuum.sim.h2-1sc", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum H2-1 syntax checker"),
        new("quantinuum.sim.h2-1e", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-1 emulator"),
        new("quantinuum.qpu.h2-1", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-1 QPU"),
        new("quantinuum.sim.h2-2sc", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum H2-2 syntax checker"),
        new("quantinuum.sim.h2-2e", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-2 emulator"),
        new("quantinuum.qpu.h2-2", "quantinuum", 56, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-2 QPU"),
        new("quantinuum.sim.helios-1sc", "quantinuum", 98, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum Helios 1 syntax checker"),
        new("quantinuum.sim.helios-1e", "quantinuum", 98, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum Helios 1 emulator"),
        new("quantinuum.qpu.helios-1", "quantinuum", 98, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum Helios 1 QPU"),
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
    /// entry with no known price and the family's smallest register (override with <c>--max-qubits</c>). A retired target
    /// is refused with a <see cref="TargetRetiredException"/> naming the provider's current targets.
    /// </summary>
    public static TargetInfo Find(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (Retired.TryGetValue(id, out var why)) throw new TargetRetiredException(id, why, CurrentOf(ProviderOf(id), Known.Select(t => t.Id)));
        var known = Known.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
        if (known is not null) return known;
        if (id.StartsWith("ionq.", StringComparison.OrdinalIgnoreCase))
            return new TargetInfo(id, "ionq", 25, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ target (not in QSan's catalogue)");
        if (id.StartsWith("quantinuum.", StringComparison.OrdinalIgnoreCase))
        {
            var syntaxChecker = Regex.IsMatch(id, @"^.*(-apival|-[0-9]*sc)$");
            return new TargetInfo(id, "quantinuum", 56, PayloadFormat.OpenQasm, syntaxChecker ? PricingModel.Free : PricingModel.QuantinuumCredits,
                Description: "Quantinuum target (not in QSan's catalogue)");
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

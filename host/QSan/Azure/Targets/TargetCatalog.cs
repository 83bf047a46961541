using System.Text.RegularExpressions;
using QSan.Azure.Payloads;

namespace QSan.Azure.Targets;

/// <summary>
/// The IonQ and Quantinuum targets QSan knows, with register sizes and prices. Sources (all estimates; check the
/// workspace's Providers tab for current prices): IonQ register sizes from azure-quantum-python's qiskit backends
/// (ionq.simulator 29, Aria 25, Forte 35), IonQ gate-shot prices and minimums from its target/ionq.py
/// (COST_1QUBIT_GATE_MAP, COST_2QUBIT_GATE_MAP, MIN_PRICE_MAP); the Quantinuum HQC formula and the emulator
/// (-&lt;n&gt;e → EHQC) and syntax-checker (-&lt;n&gt;sc → free) naming from its target/quantinuum.py (estimate_cost).
/// Quantinuum register sizes are conservative (H1 20; H2 32) and can be raised with <c>--max-qubits</c>.
/// </summary>
public static class TargetCatalog
{
    /// <summary>The known targets.</summary>
    public static IReadOnlyList<TargetInfo> Known { get; } =
    [
        new("ionq.simulator", "ionq", 29, PayloadFormat.IonQCircuit, PricingModel.Free, Description: "IonQ ideal simulator (returns exact probabilities)"),
        new("ionq.qpu", "ionq", 11, PayloadFormat.IonQCircuit, PricingModel.IonQGateShots, 0.00003, 0.0003, 1.0, "IonQ QPU (Harmony)"),
        new("ionq.qpu.aria-1", "ionq", 25, PayloadFormat.IonQCircuit, PricingModel.IonQGateShots, 0.0002205, 0.00098, 97.5, "IonQ Aria 1"),
        new("ionq.qpu.aria-2", "ionq", 25, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ Aria 2"),
        new("ionq.qpu.forte-1", "ionq", 35, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ Forte 1"),
        new("quantinuum.sim.h1-1sc", "quantinuum", 20, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum H1-1 syntax checker"),
        new("quantinuum.sim.h1-1e", "quantinuum", 20, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H1-1 emulator"),
        new("quantinuum.qpu.h1-1", "quantinuum", 20, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H1-1 QPU"),
        new("quantinuum.sim.h2-1sc", "quantinuum", 32, PayloadFormat.OpenQasm, PricingModel.Free, Description: "Quantinuum H2-1 syntax checker"),
        new("quantinuum.sim.h2-1e", "quantinuum", 32, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-1 emulator"),
        new("quantinuum.qpu.h2-1", "quantinuum", 32, PayloadFormat.OpenQasm, PricingModel.QuantinuumCredits, Description: "Quantinuum H2-1 QPU"),
    ];

    /// <summary>
    /// The target named <paramref name="id"/>: a known one, or for an unknown id of the ionq. or quantinuum. families an
    /// entry with no known price and the family's smallest register (override with <c>--max-qubits</c>).
    /// </summary>
    public static TargetInfo Find(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var known = Known.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
        if (known is not null) return known;
        if (id.StartsWith("ionq.", StringComparison.OrdinalIgnoreCase))
            return new TargetInfo(id, "ionq", 11, PayloadFormat.IonQCircuit, PricingModel.Unknown, Description: "IonQ target (not in QSan's catalogue)");
        if (id.StartsWith("quantinuum.", StringComparison.OrdinalIgnoreCase))
        {
            var syntaxChecker = Regex.IsMatch(id, @"^.*(-apival|-[0-9]*sc)$");
            return new TargetInfo(id, "quantinuum", 20, PayloadFormat.OpenQasm, syntaxChecker ? PricingModel.Free : PricingModel.QuantinuumCredits,
                Description: "Quantinuum target (not in QSan's catalogue)");
        }
        throw new ArgumentException($"Unknown target '{id}'. QSan runs on IonQ (ionq.*) and Quantinuum (quantinuum.*) targets: {string.Join(", ", Known.Select(t => t.Id))}.", nameof(id));
    }
}

using System.Globalization;
using QSan.Quantum.Circuits;
using QSan.Quantum.Shots;

namespace QSan.Azure.Targets;

/// <summary>The size and, where the price is known, the cost of a submission — computed before anything is sent.</summary>
/// <param name="Target">The target.</param>
/// <param name="Jobs">Jobs (one program each).</param>
/// <param name="Circuits">Circuits packed into them.</param>
/// <param name="ShotsPerJob">Shots per job.</param>
/// <param name="OneQubitGates">Single-qubit gates over all jobs (basis changes included).</param>
/// <param name="TwoQubitGates">Two-qubit gates over all jobs.</param>
/// <param name="Measurements">Measured qubits over all jobs.</param>
/// <param name="StatePreparations">Qubits prepared (each qubit's initial implicit preparation) over all jobs; with the
/// measurements, Quantinuum's N_m (state preparation and measurement operations).</param>
/// <param name="Cost">Estimated cost, or null when the target's price is not known.</param>
/// <param name="Currency">"USD", "HQC" or "EHQC".</param>
public sealed record SubmissionEstimate(TargetInfo Target, int Jobs, int Circuits, int ShotsPerJob, long OneQubitGates, long TwoQubitGates,
    long Measurements, double? Cost, string Currency, long StatePreparations = 0)
{
    /// <summary>Total shots over all jobs.</summary>
    public long TotalShots => (long)Jobs * ShotsPerJob;

    /// <summary>
    /// Estimates a submission of <paramref name="programs"/>. IonQ (azure-quantum-python target/ionq.py estimate_cost
    /// before commit 035acc6, prices from Learn's pricing page): per job max(minimum, shots·(p₁·N₁q + p₂·N₂q)). Quantinuum
    /// (Learn, pricing.md and provider-quantinuum.md): per job HQC = 5 + C·(N₁q + 10·N₂q + 5·Nₘ)/5000, where Nₘ is "the number
    /// of state preparation and measurement (SPAM) operations in a circuit including initial implicit state preparation
    /// and any intermediate and final measurements and state resets": QSan's programs prepare each qubit once and measure
    /// it once at the end, so Nₘ = 2 × qubits.
    /// </summary>
    public static SubmissionEstimate For(TargetInfo target, IReadOnlyList<PackedProgram> programs, int shots)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(programs);
        long oneQ = 0, twoQ = 0, measured = 0, prepared = 0;
        double cost = 0;
        foreach (var program in programs)
        {
            var gates = program.ToConstantCircuit().Gates;
            long n1 = gates.Count(g => !g.Kind.IsTwoQubit()), n2 = gates.Count(g => g.Kind.IsTwoQubit());
            long spam = 2L * program.QubitCount; // one implicit preparation and one final measurement per qubit
            oneQ += n1;
            twoQ += n2;
            measured += program.QubitCount;
            prepared += program.QubitCount;
            cost += target.Pricing switch
            {
                PricingModel.IonQGateShots => Math.Max(target.MinimumPrice, shots * (target.Price1Q * n1 + target.Price2Q * n2)),
                PricingModel.QuantinuumCredits => 5 + shots * (n1 + 10.0 * n2 + 5.0 * spam) / 5000,
                _ => 0,
            };
        }
        var currency = target.Pricing == PricingModel.QuantinuumCredits ? (target.IsEmulator ? "EHQC" : "HQC") : "USD";
        return new SubmissionEstimate(target, programs.Count, programs.Sum(p => p.Slots.Length), shots, oneQ, twoQ, measured,
            target.Pricing == PricingModel.Unknown ? null : cost, currency, prepared);
    }

    /// <summary>One line for people, with the cost marked as an estimate.</summary>
    public string Describe()
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{Jobs} job(s), {Circuits} circuit(s), {ShotsPerJob} shots each ({TotalShots} in all); {OneQubitGates} one-qubit and {TwoQubitGates} two-qubit gates, {StatePreparations} state preparations, {Measurements} measurements");
        var cost = Cost switch
        {
            null => "cost: unknown (no published price in QSan's catalogue; see the workspace's Providers tab)",
            0 => "cost: free",
            { } c => string.Create(CultureInfo.InvariantCulture, $"estimated cost: {c:0.####} {Currency} (an estimate; the provider's bill may differ)"),
        };
        return $"{Target.Id}: {size}; {cost}.";
    }
}

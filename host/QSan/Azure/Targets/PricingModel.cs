namespace QSan.Azure.Targets;

/// <summary>How a provider bills a job, as far as QSan knows it.</summary>
public enum PricingModel
{
    /// <summary>No published price QSan knows; the estimate reports counts only.</summary>
    Unknown,

    /// <summary>Free (simulators, syntax checkers).</summary>
    Free,

    /// <summary>IonQ: per gate-shot, two-qubit gates dearer, with a minimum per job (USD).</summary>
    IonQGateShots,

    /// <summary>Quantinuum: H-System Quantum Credits per job, HQC = 5 + shots·(N₁q + 10·N₂q + 5·Nₘ)/5000 (EHQC on emulators).</summary>
    QuantinuumCredits,
}

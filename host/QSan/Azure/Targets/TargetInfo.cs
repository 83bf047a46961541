
namespace QSan.Azure.Targets;

/// <summary>What QSan knows about an Azure Quantum target.</summary>
/// <param name="Id">The target id, e.g. "ionq.simulator".</param>
/// <param name="ProviderId">The provider id the job names ("ionq", "quantinuum").</param>
/// <param name="MaxQubits">Qubits a program may use.</param>
/// <param name="NativeFormat">The provider's own format, the alternative to QIR.</param>
/// <param name="Pricing">How the target bills.</param>
/// <param name="Price1Q">IonQ: USD per single-qubit gate-shot.</param>
/// <param name="Price2Q">IonQ: USD per two-qubit gate-shot.</param>
/// <param name="MinimumPrice">IonQ: USD minimum per job.</param>
/// <param name="Description">One line for <c>azure targets</c>.</param>
/// <param name="Availability">The workspace's live availability (Available, Degraded, Unavailable), when known.</param>
/// <param name="AverageQueueTime">The live average queue time in seconds, when known.</param>
/// <param name="QubitsSource">Where <paramref name="MaxQubits"/> comes from (a published page, or the workspace's live list).</param>
/// <param name="QubitsKnown">False when <paramref name="MaxQubits"/> is a guess for a target outside QSan's catalogue, so a requested size (<see cref="RegisterLimit.RequestedSetting"/>) may exceed it.</param>
public sealed record TargetInfo(string Id, string ProviderId, int MaxQubits, PayloadFormat NativeFormat, PricingModel Pricing,
    double Price1Q = 0, double Price2Q = 0, double MinimumPrice = 0, string Description = "", string? Availability = null, long? AverageQueueTime = null,
    string QubitsSource = "", bool QubitsKnown = true)
{
    /// <summary>Whether running here costs nothing (as far as QSan knows).</summary>
    public bool IsFree => Pricing == PricingModel.Free;

    /// <summary>Whether the currency of estimates is emulator credits (EHQC) rather than HQC.</summary>
    public bool IsEmulator => Pricing == PricingModel.QuantinuumCredits && System.Text.RegularExpressions.Regex.IsMatch(Id, @"^.*(-sim|-[0-9]*e)$");
}

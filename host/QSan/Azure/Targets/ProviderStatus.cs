namespace QSan.Azure.Targets;

/// <summary>A provider's availability and its targets (REST spec: ProviderStatus).</summary>
/// <param name="Id">E.g. "ionq".</param>
/// <param name="CurrentAvailability">Available, Degraded or Unavailable.</param>
/// <param name="Targets">Its targets.</param>
public sealed record ProviderStatus(string Id, string? CurrentAvailability, IReadOnlyList<TargetStatus>? Targets);

/// <summary>A target's availability (REST spec: TargetStatus).</summary>
/// <param name="Id">E.g. "ionq.simulator".</param>
/// <param name="CurrentAvailability">Available, Degraded or Unavailable.</param>
/// <param name="AverageQueueTime">Average queue time in seconds.</param>
/// <param name="StatusPage">A page with details.</param>
/// <param name="NumQubits">The target's qubits (from 2025-12-01-preview; azure-quantum-python _client/models TargetStatus.num_qubits).</param>
/// <param name="TargetProfile">The QIR profile it runs (e.g. Base, Adaptive_RI).</param>
public sealed record TargetStatus(string Id, string? CurrentAvailability, long? AverageQueueTime, string? StatusPage, int? NumQubits = null, string? TargetProfile = null);

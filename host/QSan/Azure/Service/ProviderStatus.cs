namespace QSan.Azure.Service;

/// <summary>A provider's availability and its targets (REST spec: ProviderStatus).</summary>
/// <param name="Id">E.g. "ionq".</param>
/// <param name="CurrentAvailability">Available, Degraded or Unavailable.</param>
/// <param name="Targets">Its targets.</param>
public sealed record ProviderStatus(string Id, string? CurrentAvailability, IReadOnlyList<TargetStatus>? Targets);

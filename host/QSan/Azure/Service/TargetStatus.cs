namespace QSan.Azure.Service;

/// <summary>A target's availability (REST spec: TargetStatus).</summary>
/// <param name="Id">E.g. "ionq.simulator".</param>
/// <param name="CurrentAvailability">Available, Degraded or Unavailable.</param>
/// <param name="AverageQueueTime">Average queue time in seconds.</param>
/// <param name="StatusPage">A page with details.</param>
public sealed record TargetStatus(string Id, string? CurrentAvailability, long? AverageQueueTime, string? StatusPage);

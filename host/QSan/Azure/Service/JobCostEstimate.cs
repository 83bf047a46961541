namespace QSan.Azure.Service;

/// <summary>The provider's cost estimate for a job (REST spec: CostEstimate).</summary>
/// <param name="CurrencyCode">E.g. USD, HQC.</param>
/// <param name="EstimatedTotal">The estimate.</param>
public sealed record JobCostEstimate(string? CurrencyCode, double? EstimatedTotal);

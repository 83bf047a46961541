namespace QSan.Azure.Service;

/// <summary>A failed job's error (REST spec: Errors.WorkspaceItemError).</summary>
/// <param name="Code">A service error code.</param>
/// <param name="Message">What went wrong.</param>
public sealed record JobErrorData(string? Code, string? Message);

/// <summary>The provider's cost estimate for a job (REST spec: CostEstimate).</summary>
/// <param name="CurrencyCode">E.g. USD, HQC.</param>
/// <param name="EstimatedTotal">The estimate.</param>
public sealed record JobCostEstimate(string? CurrencyCode, double? EstimatedTotal);

/// <summary>
/// How to poll a job: the first wait, growth factor and cap follow azure-quantum-python's Job.wait_until_completed
/// (0.2 s, ×1.5, at most 30 s); <see cref="Timeout"/> bounds the whole wait.
/// </summary>
/// <param name="InitialDelay">First wait between polls.</param>
/// <param name="Factor">Growth of the wait per poll.</param>
/// <param name="MaxDelay">Longest wait between polls.</param>
/// <param name="Timeout">Give up after this long (null: wait forever).</param>
/// <param name="CancelOnTimeout">Whether to cancel the job when giving up.</param>
public sealed record JobWaitOptions(TimeSpan InitialDelay, double Factor, TimeSpan MaxDelay, TimeSpan? Timeout, bool CancelOnTimeout = false)
{
    /// <summary>0.2 s × 1.5 up to 30 s, two hours at most.</summary>
    public static JobWaitOptions Default { get; } = new(TimeSpan.FromSeconds(0.2), 1.5, TimeSpan.FromSeconds(30), TimeSpan.FromHours(2));

    /// <summary>The wait after <paramref name="delay"/>.</summary>
    public TimeSpan Next(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, (long)(delay.Ticks * Factor)));
}

using QSan.Azure.Targets;

namespace QSan.Azure.Engines;

/// <summary>A submission was stopped before anything was sent, because its estimate was not confirmed.</summary>
public sealed class SubmissionDeclinedException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public SubmissionDeclinedException(SubmissionEstimate estimate)
        : base($"Nothing was submitted: {estimate?.Describe()} Confirm the cost (--yes) to run it.")
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Estimate = estimate;
    }

    /// <summary>What the submission would have been.</summary>
    public SubmissionEstimate Estimate { get; }
}

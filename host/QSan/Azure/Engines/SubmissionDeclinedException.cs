using QSan.Azure.Targets;

namespace QSan.Azure.Engines;

/// <summary>A submission was stopped before anything was sent, because its estimate was not confirmed.</summary>
public sealed class SubmissionDeclinedException : QSanException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="estimate">What the submission would have been.</param>
    /// <param name="confirmation">The setting that confirms the cost, as the caller names it (<c>CircuitSubmissionRequest.ConfirmCost</c>).</param>
    public SubmissionDeclinedException(SubmissionEstimate estimate, string confirmation)
        : base($"Nothing was submitted: {estimate?.Describe()} Confirm the cost ({confirmation}) to run it.")
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Estimate = estimate;
    }

    /// <summary>What the submission would have been.</summary>
    public SubmissionEstimate Estimate { get; }
}

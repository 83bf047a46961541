using QSan.Azure.Service;

namespace QSan.Tests.Azure;

/// <summary>
/// What a fake job does: the statuses successive GETs see (the last repeats), the error of a failed job, and the output a
/// failed job writes all the same (azure-quantum-python's JobFailedWithResultsError case), if any.
/// </summary>
internal sealed record JobScript(string[] Statuses, JobErrorData? Error = null, string? FailureOutput = null)
{
    public static JobScript Succeeds { get; } = new(["Waiting", "Executing", "Succeeded"]);

    public static JobScript Fails { get; } = new(["Waiting", "Executing", "Failed"], new JobErrorData("InvalidInputData", "The program uses more qubits than the target has."));

    public static JobScript NeverFinishes { get; } = new(["Waiting", "Executing"]);

    public static JobScript FailsWithOutput { get; } = new(["Waiting", "Executing", "Failed"],
        new JobErrorData("JobFailedWithOutput", "The program ran out of time on the target after 37 of 100 shots."),
        """{"error": "timeout", "partial": {"c": ["0101", "0110"]}}""");
}

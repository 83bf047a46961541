using QSan.Azure.Service;

namespace QSan.Tests.Azure;

/// <summary>What a fake job does: the statuses successive GETs see (the last repeats), and the error of a failed job.</summary>
internal sealed record JobScript(string[] Statuses, JobErrorData? Error = null)
{
    public static JobScript Succeeds { get; } = new(["Waiting", "Executing", "Succeeded"]);

    public static JobScript Fails { get; } = new(["Waiting", "Executing", "Failed"], new JobErrorData("InvalidInputData", "The program uses more qubits than the target has."));

    public static JobScript NeverFinishes { get; } = new(["Waiting", "Executing"]);
}

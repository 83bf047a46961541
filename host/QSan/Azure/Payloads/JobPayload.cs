using System.Text.Json.Nodes;

namespace QSan.Azure.Payloads;

/// <summary>Everything a job submission sends besides the workspace plumbing: the input blob and how the service reads it.</summary>
/// <param name="InputDataFormat">E.g. <c>qir.v1</c>.</param>
/// <param name="OutputDataFormat">The results format requested.</param>
/// <param name="ContentType">The input blob's Content-Type.</param>
/// <param name="Data">The input blob.</param>
/// <param name="InputParams">The job's <c>inputParams</c> (shots and, for QIR, the entry point).</param>
/// <param name="FileExtension">For files written by dry runs, e.g. ".ll".</param>
/// <param name="QubitCount">Results per shot the program produces.</param>
public sealed record JobPayload(string InputDataFormat, string OutputDataFormat, string ContentType, byte[] Data, JsonObject InputParams, string FileExtension, int QubitCount)
{
    /// <summary>The shots requested in <see cref="InputParams"/> (IonQ and Quantinuum "shots", QIR "shots" and "count").</summary>
    public int Shots => (InputParams["shots"] ?? InputParams["count"])?.GetValue<int>() ?? 0;
}

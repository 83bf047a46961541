using System.Text.Json;
using System.Text.Json.Nodes;
using QSan.Azure.Payloads;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Quantum.Shots;

namespace QSan.Azure.Engines;

/// <summary>
/// Writes what a submission would send, without sending it: per job the input blob exactly as uploaded
/// (<c>job-000.input.ll</c> / <c>.json</c> / <c>.qasm</c>) and the job PUT body (<c>job-000.request.json</c>; the container
/// SAS, blob URI and job id only exist at submission and are shown as placeholders), plus <c>plan.json</c> with the
/// estimate and which circuit sits in which slot.
/// </summary>
public static class DryRunWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the files; returns their paths. <paramref name="limit"/>: the register limit the programs were packed into (default: the mode's).</summary>
    public static IReadOnlyList<string> Write(string directory, PayloadEncoder encoder, IReadOnlyList<PackedProgram> programs, int shots, SubmissionEstimate estimate,
        JsonObject? extra = null, RegisterLimit? limit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(programs);
        ArgumentNullException.ThrowIfNull(estimate);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var jobs = new JsonArray();
        foreach (var program in programs)
        {
            var payload = encoder.Encode(program, shots);
            var stem = $"job-{program.Index:000}";
            var input = Path.Combine(directory, stem + ".input" + payload.FileExtension);
            File.WriteAllBytes(input, payload.Data);
            var request = QuantumServiceClient.NewJob("<new job id (GUID)>", payload, encoder.Target, $"qsan-{program.Index}", AzureShotBackend.Metadata(program),
                "<SAS URL of container job-<id> from POST storage/sasUri>", $"<container URL>/{QuantumServiceClient.InputBlobName}");
            var body = Path.Combine(directory, stem + ".request.json");
            File.WriteAllText(body, QuantumServiceClient.ToJson(request).ToJsonString(Indented));
            written.Add(input);
            written.Add(body);
            jobs.Add(new JsonObject
            {
                ["input"] = Path.GetFileName(input),
                ["request"] = Path.GetFileName(body),
                ["contentType"] = payload.ContentType,
                ["qubits"] = program.QubitCount,
                ["slots"] = new JsonArray([.. program.Slots.Select(s => (JsonNode)JsonValue.Create(s.Name))]),
            });
        }
        var plan = new JsonObject
        {
            ["target"] = encoder.Target.Id,
            ["providerId"] = encoder.Target.ProviderId,
            ["format"] = encoder.Format.ToString(),
            ["registerLimit"] = RegisterLimitJson(limit ?? RegisterLimit.For(encoder.Target, encoder.ProviderNoise)),
            ["shots"] = shots,
            ["estimate"] = new JsonObject
            {
                ["jobs"] = estimate.Jobs,
                ["circuits"] = estimate.Circuits,
                ["totalShots"] = estimate.TotalShots,
                ["oneQubitGates"] = estimate.OneQubitGates,
                ["twoQubitGates"] = estimate.TwoQubitGates,
                ["statePreparations"] = estimate.StatePreparations,
                ["measurements"] = estimate.Measurements,
                ["cost"] = estimate.Cost,
                ["currency"] = estimate.Currency,
                ["note"] = "Cost is an estimate from published prices; the provider's bill may differ.",
            },
            ["jobs"] = jobs,
        };
        // IonQ's model beside QSan's preset of the same device, so the two can be compared before anything is sent.
        if (encoder.ProviderNoise is { } noise) plan["providerNoise"] = noise.Describe();
        if (extra is not null) foreach (var (key, value) in extra) plan[key] = value?.DeepClone();
        var planPath = Path.Combine(directory, "plan.json");
        File.WriteAllText(planPath, plan.ToJsonString(Indented));
        written.Add(planPath);
        return written;
    }

    private static JsonObject RegisterLimitJson(RegisterLimit limit) => new()
    {
        ["qubits"] = limit.Qubits,
        ["mode"] = limit.Mode,
        ["source"] = limit.Source,
    };
}

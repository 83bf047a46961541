using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QSan.Quantum.Shots;

namespace QSan.Azure.Results;

/// <summary>
/// Reads job outputs into <see cref="OutcomeHistogram"/>s with one bit order (bit i = result i). The conventions, as the
/// providers' own clients read them (azure-quantum-python, azure/quantum/qiskit/job.py):
/// IonQ keys are integers whose bit q is qubit q (<c>_to_bitstring</c> reverses the binary string to little endian) and the
/// values are probabilities; Quantinuum registers are lists of per-shot strings with the highest classical bit first
/// (OpenQASM's c[n−1]…c[0]); Microsoft v1 alternates display strings and probabilities; v2 lists outcomes with counts.
/// </summary>
public static class ResultParser
{
    /// <summary>
    /// How far the probabilities of a histogram may add up away from 1 and still be read (then divided by their sum).
    /// Real targets round: IonQ histograms have been seen off by ~1e-5, and azure-quantum-python accepts a sum within 1e-2
    /// of 1 and renormalises (target/ionq.py, <c>np.isclose(_norm, 1.0, atol=1e-2)</c>). QSan uses the same tolerance; a
    /// sum further off means the output is broken, not rounded, and is refused.
    /// </summary>
    public const double ProbabilityTolerance = 1e-2;

    /// <summary>Parses <paramref name="output"/> written in <paramref name="format"/>.</summary>
    /// <param name="format">One of <see cref="OutputFormats"/>.</param>
    /// <param name="output">The output blob's bytes (UTF-8 JSON).</param>
    /// <param name="bitCount">Results per shot the program produces.</param>
    /// <param name="requestedShots">The job's shots, used where the output holds probabilities rather than counts.</param>
    public static OutcomeHistogram Parse(string format, ReadOnlySpan<byte> output, int bitCount, int requestedShots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bitCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitCount, 64);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(output);
        }
        catch (JsonException e)
        {
            throw new ResultFormatException($"The {format} output is not JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new ResultFormatException($"The {format} output is not a JSON object.");
        return format switch
        {
            OutputFormats.IonQ => IonQ(obj, bitCount, requestedShots),
            OutputFormats.Quantinuum => Quantinuum(obj, bitCount),
            OutputFormats.MicrosoftV1 => MicrosoftV1(obj, bitCount, requestedShots),
            OutputFormats.MicrosoftV2 => MicrosoftV2(obj, bitCount),
            _ => throw new ResultFormatException($"Unknown output format '{format}'; QSan reads {OutputFormats.IonQ}, {OutputFormats.Quantinuum}, {OutputFormats.MicrosoftV1} and {OutputFormats.MicrosoftV2}."),
        };
    }

    private static OutcomeHistogram IonQ(JsonObject obj, int bitCount, int shots)
    {
        if (obj["histogram"] is not JsonObject histogram) throw new ResultFormatException($"The {OutputFormats.IonQ} output has no \"histogram\" object.");
        var outcomes = new SortedDictionary<ulong, double>();
        foreach (var (key, value) in histogram)
        {
            if (!ulong.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
                throw new ResultFormatException($"{OutputFormats.IonQ}: histogram key '{key}' is not a non-negative integer.");
            CheckWidth(bits, bitCount, OutputFormats.IonQ, key);
            outcomes[bits] = outcomes.GetValueOrDefault(bits) + Probability(value, OutputFormats.IonQ, key);
        }
        return Normalised(outcomes, bitCount, shots, OutputFormats.IonQ);
    }

    private static OutcomeHistogram Quantinuum(JsonObject obj, int bitCount)
    {
        // Our OpenQASM programs write every qubit to one register, c (OpenQasmWriter).
        if (obj["c"] is not JsonArray shots) throw new ResultFormatException($"The {OutputFormats.Quantinuum} output has no \"c\" register (registers: {string.Join(", ", obj.Select(p => p.Key))}).");
        var counts = new Dictionary<ulong, int>();
        foreach (var shot in shots)
        {
            var text = shot?.GetValueKind() == JsonValueKind.String ? shot.GetValue<string>() : throw new ResultFormatException($"{OutputFormats.Quantinuum}: a shot of register c is not a string.");
            if (text.Length != bitCount || text.Any(ch => ch is not ('0' or '1')))
                throw new ResultFormatException($"{OutputFormats.Quantinuum}: shot '{text}' is not a {bitCount}-bit string of 0 and 1.");
            ulong bits = 0;
            for (var i = 0; i < bitCount; i++)
                if (text[bitCount - 1 - i] == '1') bits |= 1UL << i; // highest classical bit first
            counts[bits] = counts.GetValueOrDefault(bits) + 1;
        }
        if (counts.Count == 0) throw new ResultFormatException($"{OutputFormats.Quantinuum}: register c holds no shots.");
        return OutcomeHistogram.FromCounts(bitCount, counts);
    }

    private static OutcomeHistogram MicrosoftV1(JsonObject obj, int bitCount, int shots)
    {
        if (obj["Histogram"] is not JsonArray histogram || histogram.Count % 2 != 0)
            throw new ResultFormatException($"The {OutputFormats.MicrosoftV1} output needs a \"Histogram\" array of alternating outcomes and probabilities.");
        var outcomes = new SortedDictionary<ulong, double>();
        for (var i = 0; i < histogram.Count; i += 2)
        {
            var display = histogram[i]?.GetValueKind() == JsonValueKind.String ? histogram[i]!.GetValue<string>() : throw new ResultFormatException($"{OutputFormats.MicrosoftV1}: entry {i} is not an outcome string.");
            var bits = FromDisplay(display, bitCount);
            outcomes[bits] = outcomes.GetValueOrDefault(bits) + Probability(histogram[i + 1], OutputFormats.MicrosoftV1, display);
        }
        return Normalised(outcomes, bitCount, shots, OutputFormats.MicrosoftV1);
    }

    private static OutcomeHistogram MicrosoftV2(JsonObject obj, int bitCount)
    {
        if (obj["DataFormat"]?.GetValue<string>() is { } declared && declared != OutputFormats.MicrosoftV2)
            throw new ResultFormatException($"The output declares DataFormat '{declared}', expected {OutputFormats.MicrosoftV2}.");
        if (obj["Results"] is not JsonArray results || results.Count != 1 || results[0]?["Histogram"] is not JsonArray histogram)
            throw new ResultFormatException($"The {OutputFormats.MicrosoftV2} output needs \"Results\" with one entry holding a \"Histogram\".");
        var counts = new Dictionary<ulong, int>();
        foreach (var entry in histogram)
        {
            if (entry?["Outcome"] is not { } outcome || entry["Count"] is not JsonValue count)
                throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: a histogram entry lacks \"Outcome\" or \"Count\".");
            var flat = new List<int>();
            Flatten(outcome, flat);
            if (flat.Count != bitCount) throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: outcome {outcome.ToJsonString()} has {flat.Count} results, expected {bitCount}.");
            ulong bits = 0;
            for (var i = 0; i < flat.Count; i++) if (flat[i] == 1) bits |= 1UL << i;
            counts[bits] = counts.GetValueOrDefault(bits) + count.GetValue<int>();
        }
        if (counts.Count == 0) throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: the histogram is empty.");
        return OutcomeHistogram.FromCounts(bitCount, counts);
    }

    // v2 outcomes mirror the entry point's return type: nested arrays (tuples) of 0/1; anything else (e.g. "-" for a lost
    // qubit) is a result QSan cannot use.
    private static void Flatten(JsonNode node, List<int> into)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) Flatten(item ?? throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: null inside an outcome."), into);
            return;
        }
        if (node is JsonValue v && v.TryGetValue<int>(out var bit) && bit is 0 or 1)
        {
            into.Add(bit);
            return;
        }
        throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: outcome value {node.ToJsonString()} is not 0 or 1.");
    }

    /// <summary>Reads a Q# result-array display such as "[0, 1]" or "[Zero, One]": element i is result i.</summary>
    public static ulong FromDisplay(string display, int bitCount)
    {
        ArgumentNullException.ThrowIfNull(display);
        var items = display.Trim().TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length != bitCount) throw new ResultFormatException($"Outcome '{display}' has {items.Length} results, expected {bitCount}.");
        ulong bits = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var one = items[i] switch
            {
                "1" or "One" => true,
                "0" or "Zero" => false,
                _ => throw new ResultFormatException($"Outcome '{display}': '{items[i]}' is not a result."),
            };
            if (one) bits |= 1UL << i;
        }
        return bits;
    }

    private static double Probability(JsonNode? node, string format, string key)
    {
        if (node is JsonValue v && v.TryGetValue<double>(out var p) && p >= 0 && p <= 1 + ProbabilityTolerance) return p;
        throw new ResultFormatException($"{format}: the value for '{key}' is not a probability.");
    }

    private static void CheckWidth(ulong bits, int bitCount, string format, string key)
    {
        if (bitCount < 64 && bits >> bitCount != 0) throw new ResultFormatException($"{format}: outcome {key} needs more than the program's {bitCount} qubits.");
    }

    private static OutcomeHistogram Normalised(SortedDictionary<ulong, double> outcomes, int bitCount, int shots, string format)
    {
        var total = outcomes.Values.Sum();
        if (outcomes.Count == 0 || !(Math.Abs(total - 1) <= ProbabilityTolerance))
            throw new ResultFormatException($"{format}: the probabilities add up to {total.ToString("R", CultureInfo.InvariantCulture)}, more than {ProbabilityTolerance.ToString("R", CultureInfo.InvariantCulture)} away from 1; the output is broken, not rounded.");
        if (shots < 1) throw new ResultFormatException($"{format}: the job's shot count is unknown ({shots}); it is needed for the standard errors.");
        return new OutcomeHistogram(bitCount, [.. outcomes.Select(o => new Outcome(o.Key, o.Value / total))], shots);
    }
}

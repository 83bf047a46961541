using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QSan.Quantum.Shots;

namespace QSan.Azure.Results;

/// <summary>
/// What a job's output gave: the outcomes the estimates use, and the shots left out of them (reported, never hidden).
/// </summary>
/// <param name="Histogram">The outcomes QSan estimates from; its shots are those kept.</param>
/// <param name="LostQubitShots">Shots dropped because a result carried a lost-qubit marker (<c>-</c> or <c>2</c>).</param>
/// <param name="MissingShots">Shots of the job a hardware histogram does not account for (the service truncated it).</param>
public sealed record ParsedResult(OutcomeHistogram Histogram, int LostQubitShots = 0, int MissingShots = 0)
{
    /// <summary>What was left out and why, for the report; null when every shot is in <see cref="Histogram"/>.</summary>
    public string? Note
    {
        get
        {
            var total = Histogram.Shots + LostQubitShots + MissingShots;
            var parts = new List<string>();
            if (LostQubitShots > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{LostQubitShots} of {total} shots had lost-qubit markers (non-binary results) and were dropped"));
            if (MissingShots > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{MissingShots} of {total} shots are missing from the histogram (the service truncated it)"));
            return parts.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{string.Join("; ", parts)}; the estimates use the other {Histogram.Shots}");
        }
    }
}

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
    /// How far a simulator's probabilities may add up away from 1 and still be read (then divided by their sum).
    /// azure-quantum-python does the same for simulators (qiskit/job.py <c>_draw_random_sample</c>:
    /// <c>np.isclose(_norm, 1.0, atol=1e-2)</c>, else "Probabilities do not add up to 1"); a simulator's sum further off is
    /// refused. Hardware histograms are not checked against it (see <see cref="Read"/>).
    /// </summary>
    public const double ProbabilityTolerance = 1e-2;

    /// <summary>Whether results of <paramref name="target"/> come from a simulator (azure-quantum-python: the backend's configuration.simulator).</summary>
    public static bool IsSimulator(string? target) =>
        target is not null && (target.Equals("ionq.simulator", StringComparison.OrdinalIgnoreCase) || target.Contains(".sim.", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <paramref name="output"/> written in <paramref name="format"/> (a simulator's output); see <see cref="Read"/>.</summary>
    public static OutcomeHistogram Parse(string format, ReadOnlySpan<byte> output, int bitCount, int requestedShots) =>
        Read(format, output, bitCount, requestedShots, simulator: true).Histogram;

    /// <summary>
    /// Reads <paramref name="output"/> written in <paramref name="format"/> as azure-quantum-python's qiskit/job.py reads it:
    /// shots whose results carry lost-qubit markers (<c>-</c> or <c>2</c>, <c>_bitstring_has_qubit_loss</c>) are dropped
    /// and counted, the rest kept; a simulator's probabilities are renormalised within <see cref="ProbabilityTolerance"/>;
    /// a hardware histogram of probabilities becomes counts round(shots·p) (<c>np.round</c>, halves to even) without a
    /// check of its sum, so a truncated histogram is read, and the shots it leaves out are counted.
    /// </summary>
    /// <param name="format">One of <see cref="OutputFormats"/>.</param>
    /// <param name="output">The output blob's bytes (UTF-8 JSON).</param>
    /// <param name="bitCount">Results per shot the program produces.</param>
    /// <param name="requestedShots">The job's shots, used where the output holds probabilities rather than counts.</param>
    /// <param name="simulator">Whether the output comes from a simulator (<see cref="IsSimulator"/>).</param>
    public static ParsedResult Read(string format, ReadOnlySpan<byte> output, int bitCount, int requestedShots, bool simulator)
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
            OutputFormats.IonQ => IonQ(obj, bitCount, requestedShots, simulator),
            OutputFormats.Quantinuum => Quantinuum(obj, bitCount),
            OutputFormats.MicrosoftV1 => MicrosoftV1(obj, bitCount, requestedShots),
            OutputFormats.MicrosoftV2 => MicrosoftV2(obj, bitCount),
            _ => throw new ResultFormatException($"Unknown output format '{format}'; QSan reads {OutputFormats.IonQ}, {OutputFormats.Quantinuum}, {OutputFormats.MicrosoftV1} and {OutputFormats.MicrosoftV2}."),
        };
    }

    private static ParsedResult IonQ(JsonObject obj, int bitCount, int shots, bool simulator)
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
        return simulator ? new ParsedResult(Normalised(outcomes, bitCount, shots, OutputFormats.IonQ)) : Counted(outcomes, bitCount, shots, OutputFormats.IonQ);
    }

    private static ParsedResult Quantinuum(JsonObject obj, int bitCount)
    {
        // Our OpenQASM programs write every qubit to one register, c (OpenQasmWriter).
        if (obj["c"] is not JsonArray shots) throw new ResultFormatException($"The {OutputFormats.Quantinuum} output has no \"c\" register (registers: {string.Join(", ", obj.Select(p => p.Key))}).");
        var counts = new Dictionary<ulong, int>();
        var lost = 0;
        foreach (var shot in shots)
        {
            var text = shot?.GetValueKind() == JsonValueKind.String ? shot.GetValue<string>() : throw new ResultFormatException($"{OutputFormats.Quantinuum}: a shot of register c is not a string.");
            if (text.Length == bitCount && text.All(ch => ch is '0' or '1' or '-' or '2') && HasQubitLoss(text))
            {
                lost++;
                continue;
            }
            if (text.Length != bitCount || text.Any(ch => ch is not ('0' or '1')))
                throw new ResultFormatException($"{OutputFormats.Quantinuum}: shot '{text}' is not a {bitCount}-bit string of 0 and 1.");
            ulong bits = 0;
            for (var i = 0; i < bitCount; i++)
                if (text[bitCount - 1 - i] == '1') bits |= 1UL << i; // highest classical bit first
            counts[bits] = counts.GetValueOrDefault(bits) + 1;
        }
        if (counts.Count == 0) throw new ResultFormatException(lost > 0 ? AllLost(OutputFormats.Quantinuum, lost) : $"{OutputFormats.Quantinuum}: register c holds no shots.");
        return new ParsedResult(OutcomeHistogram.FromCounts(bitCount, counts), lost);
    }

    private static ParsedResult MicrosoftV1(JsonObject obj, int bitCount, int shots)
    {
        if (obj["Histogram"] is not JsonArray histogram || histogram.Count % 2 != 0)
            throw new ResultFormatException($"The {OutputFormats.MicrosoftV1} output needs a \"Histogram\" array of alternating outcomes and probabilities.");
        var outcomes = new SortedDictionary<ulong, double>();
        double lostMass = 0;
        for (var i = 0; i < histogram.Count; i += 2)
        {
            var display = histogram[i]?.GetValueKind() == JsonValueKind.String ? histogram[i]!.GetValue<string>() : throw new ResultFormatException($"{OutputFormats.MicrosoftV1}: entry {i} is not an outcome string.");
            var p = Probability(histogram[i + 1], OutputFormats.MicrosoftV1, display);
            if (DisplayItems(display) is var items && items.Length == bitCount && items.Any(IsLossMarker))
            {
                lostMass += p;
                continue;
            }
            var bits = FromDisplay(display, bitCount);
            outcomes[bits] = outcomes.GetValueOrDefault(bits) + p;
        }
        if (shots < 1) throw new ResultFormatException($"{OutputFormats.MicrosoftV1}: the job's shot count is unknown ({shots}); it is needed for the standard errors.");
        // As qiskit/job.py _format_microsoft_results: the accepted outcomes renormalised over their mass, on
        // round(shots · accepted mass) effective shots.
        var accepted = outcomes.Values.Sum();
        var effective = (int)Math.Round(shots * accepted, MidpointRounding.ToEven);
        if (outcomes.Count == 0 || accepted <= 0 || effective < 1)
            throw new ResultFormatException(lostMass > 0 ? AllLost(OutputFormats.MicrosoftV1, shots) : $"{OutputFormats.MicrosoftV1}: the histogram holds no outcome.");
        var lost = lostMass > 0 ? Math.Max(0, shots - effective) : 0;
        return new ParsedResult(new OutcomeHistogram(bitCount, [.. outcomes.Select(o => new Outcome(o.Key, o.Value / accepted))], effective), lost);
    }

    private static ParsedResult MicrosoftV2(JsonObject obj, int bitCount)
    {
        if (obj["DataFormat"]?.GetValue<string>() is { } declared && declared != OutputFormats.MicrosoftV2)
            throw new ResultFormatException($"The output declares DataFormat '{declared}', expected {OutputFormats.MicrosoftV2}.");
        if (obj["Results"] is not JsonArray results || results.Count != 1 || results[0]?["Histogram"] is not JsonArray histogram)
            throw new ResultFormatException($"The {OutputFormats.MicrosoftV2} output needs \"Results\" with one entry holding a \"Histogram\".");
        var counts = new Dictionary<ulong, int>();
        var lost = 0;
        foreach (var entry in histogram)
        {
            if (entry?["Outcome"] is not { } outcome || entry["Count"] is not JsonValue count)
                throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: a histogram entry lacks \"Outcome\" or \"Count\".");
            var flat = new List<int>();
            Flatten(outcome, flat);
            if (flat.Count != bitCount) throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: outcome {outcome.ToJsonString()} has {flat.Count} results, expected {bitCount}.");
            if (flat.Contains(LostQubit))
            {
                lost += count.GetValue<int>();
                continue;
            }
            ulong bits = 0;
            for (var i = 0; i < flat.Count; i++) if (flat[i] == 1) bits |= 1UL << i;
            counts[bits] = counts.GetValueOrDefault(bits) + count.GetValue<int>();
        }
        if (counts.Count == 0) throw new ResultFormatException(lost > 0 ? AllLost(OutputFormats.MicrosoftV2, lost) : $"{OutputFormats.MicrosoftV2}: the histogram is empty.");
        return new ParsedResult(OutcomeHistogram.FromCounts(bitCount, counts), lost);
    }

    private const int LostQubit = -1;

    // v2 outcomes mirror the entry point's return type: nested arrays (tuples) of 0/1, with "-" or 2 for a lost qubit
    // (azure-quantum-python qiskit/job.py _bitstring_has_qubit_loss); anything else is a result QSan cannot use.
    private static void Flatten(JsonNode node, List<int> into)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) Flatten(item ?? throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: null inside an outcome."), into);
            return;
        }
        if (node is JsonValue v && v.TryGetValue<int>(out var bit) && bit is 0 or 1 or 2)
        {
            into.Add(bit == 2 ? LostQubit : bit);
            return;
        }
        if (node is JsonValue s && s.TryGetValue<string>(out var text) && text == "-")
        {
            into.Add(LostQubit);
            return;
        }
        throw new ResultFormatException($"{OutputFormats.MicrosoftV2}: outcome value {node.ToJsonString()} is neither 0 or 1 nor a lost-qubit marker (\"-\" or 2).");
    }

    /// <summary>Whether an outcome's text carries a lost-qubit marker (qiskit/job.py _bitstring_has_qubit_loss: "-" or "2").</summary>
    public static bool HasQubitLoss(string bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        return bits.Contains('-', StringComparison.Ordinal) || bits.Contains('2', StringComparison.Ordinal);
    }

    private static bool IsLossMarker(string item) => item.Trim('"', '\'') is "-" or "2";

    private static string[] DisplayItems(string display) =>
        display.Trim().TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string AllLost(string format, int shots) =>
        string.Create(CultureInfo.InvariantCulture, $"{format}: all {shots} shots have lost-qubit markers (non-binary results); none is left to estimate from.");

    /// <summary>Reads a Q# result-array display such as "[0, 1]" or "[Zero, One]": element i is result i.</summary>
    public static ulong FromDisplay(string display, int bitCount)
    {
        ArgumentNullException.ThrowIfNull(display);
        var items = DisplayItems(display);
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

    // A hardware histogram as qiskit/job.py reads it: counts round(shots · p) (np.round), whatever the sum; the shots it
    // does not account for (a truncated histogram) are reported, not refused.
    private static ParsedResult Counted(SortedDictionary<ulong, double> outcomes, int bitCount, int shots, string format)
    {
        if (shots < 1) throw new ResultFormatException($"{format}: the job's shot count is unknown ({shots}); it is needed to turn probabilities into counts.");
        var counts = outcomes.ToDictionary(o => o.Key, o => (int)Math.Round(shots * o.Value, MidpointRounding.ToEven)).Where(c => c.Value > 0).ToDictionary();
        var kept = counts.Values.Sum();
        if (kept < 1) throw new ResultFormatException($"{format}: the histogram accounts for none of the job's {shots} shots.");
        return new ParsedResult(OutcomeHistogram.FromCounts(bitCount, counts), MissingShots: Math.Max(0, shots - kept));
    }

    private static OutcomeHistogram Normalised(SortedDictionary<ulong, double> outcomes, int bitCount, int shots, string format)
    {
        var total = outcomes.Values.Sum();
        if (outcomes.Count == 0 || !(Math.Abs(total - 1) <= ProbabilityTolerance))
            throw new ResultFormatException($"{format}: the probabilities add up to {total.ToString("R", CultureInfo.InvariantCulture)}, more than {ProbabilityTolerance.ToString("R", CultureInfo.InvariantCulture)} away from 1; the output is broken, not rounded (a simulator's probabilities are refused beyond that, as azure-quantum-python refuses them).");
        if (shots < 1) throw new ResultFormatException($"{format}: the job's shot count is unknown ({shots}); it is needed for the standard errors.");
        return new OutcomeHistogram(bitCount, [.. outcomes.Select(o => new Outcome(o.Key, o.Value / total))], shots);
    }
}

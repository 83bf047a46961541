using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace QSan.Quantum.Bridge;

/// <summary>Writes the bridge's JSON request lines and reads the parts of its responses (see <c>quantum/bridge/bridge.mjs</c>).</summary>
internal static class BridgeProtocol
{
    /// <summary>One request line: id, command, the program (when there is one), then command-specific fields.</summary>
    public static string Request(long id, string command, QSharpProject? project, Action<Utf8JsonWriter>? fields = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("cmd", command);
            if (project is not null)
            {
                writer.WriteStartArray("sources");
                foreach (var source in project.Sources)
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(source.Name);
                    writer.WriteStringValue(source.Text);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("languageFeatures");
                foreach (var feature in project.LanguageFeatures) writer.WriteStringValue(feature);
                writer.WriteEndArray();
            }
            fields?.Invoke(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static ImmutableArray<QSharpDiagnostic> Diagnostics(JsonElement owner) =>
        owner.TryGetProperty("diagnostics", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(d => new QSharpDiagnostic(
                String(d, "file"), Int(d, "line"), Int(d, "column"), String(d, "code"), String(d, "message"))).ToImmutableArray()
            : [];

    public static QSharpError Error(JsonElement error) =>
        new(String(error, "code"), String(error, "message"), Diagnostics(error), OptionalString(error, "stack"));

    public static ImmutableArray<string> Messages(JsonElement owner) =>
        owner.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(m => m.GetString() ?? "").ToImmutableArray()
            : [];

    public static QSharpShot Shot(JsonElement shot)
    {
        var success = shot.GetProperty("success").GetBoolean();
        var error = shot.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? Error(e) : null;
        return new QSharpShot(success, OptionalString(shot, "result"), error, Messages(shot));
    }

    /// <summary>A dense state: <c>{"qubitCount":n,"amplitudes":[[re,im] × 2^n]}</c>.</summary>
    public static Complex[] State(JsonElement dump)
    {
        var qubits = Int(dump, "qubitCount");
        var amplitudes = dump.GetProperty("amplitudes");
        var state = new Complex[amplitudes.GetArrayLength()];
        if (qubits is < 0 or > 30 || state.Length != 1 << qubits)
            throw new BridgeProtocolException("protocol", $"A dumped state of {qubits} qubits came with {state.Length} amplitudes.");
        var i = 0;
        foreach (var pair in amplitudes.EnumerateArray()) state[i++] = new Complex(pair[0].GetDouble(), pair[1].GetDouble());
        return state;
    }

    public static string String(JsonElement owner, string name) => OptionalString(owner, name) ?? "";

    public static string? OptionalString(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;

    private static int Int(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using QSan.Quantum.Noise;

namespace QSan.Training;

/// <summary>The JSON conventions of run folders and <c>--json</c> output: camelCase names, enums as lower-case words.</summary>
public static class Json
{
    /// <summary>Indented, for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>One line, for <c>--json</c> output and checkpoint headers.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            // Non-ASCII sentences stay readable in metrics and results.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(new LowerCasePolicy(), allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Enum members as lower-case words ("qsharp", "mse"), as the command line spells them.</summary>
    private sealed class LowerCasePolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }
}

/// <summary>A noise model in a run folder: its specification, read back with <see cref="NoiseModel.Parse"/>.</summary>
public sealed class NoiseSpecJsonConverter : JsonConverter<NoiseModel>
{
    /// <inheritdoc/>
    public override NoiseModel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NoiseModel.Parse(reader.GetString() ?? throw new JsonException("A noise model is written as its specification, a string."));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, NoiseModel value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Spec);
    }
}

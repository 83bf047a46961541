using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QSan.Quantum.Import;

/// <summary>
/// Imported circuit templates on disk, keyed by a hash of everything they depend on (the Q# sources, the
/// compiler version, the importer's format and the circuit's arguments), so Node runs only when Q# changes.
/// </summary>
/// <param name="Directory">Where the cache files live.</param>
public sealed class CircuitCache(string Directory)
{
    /// <summary>Bumped whenever the importer's output for the same inputs would change.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The cache folder.</summary>
    public string Directory { get; } = Directory;

    /// <summary>The default folder: <c>$QSAN_CACHE</c>, else <c>$XDG_CACHE_HOME/qsan</c>, else <c>~/.cache/qsan</c>; plus <c>circuits</c>.</summary>
    public static CircuitCache Default()
    {
        var root = Environment.GetEnvironmentVariable("QSAN_CACHE");
        if (string.IsNullOrEmpty(root))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            root = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "qsan");
        }
        return new CircuitCache(Path.Combine(root, "circuits"));
    }

    /// <summary>A cache key from its parts.</summary>
    public static string Key(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"v{FormatVersion}\n" + string.Join("\n", parts))))[..32];

    /// <summary>Reads a cached value, or null when absent or unreadable (a damaged entry is simply rebuilt).</summary>
    public T? TryGet<T>(string key) where T : class
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes a value atomically (temp file, then rename), so a crash never leaves half an entry.</summary>
    public void Put<T>(string key, T value)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(key);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, Json));
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".json");
}

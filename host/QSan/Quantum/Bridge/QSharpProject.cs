using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QSan.Quantum.Bridge;

/// <summary>
/// A Q# program as the bridge compiles it: the sources of a project folder (<c>qsharp.json</c> + <c>src/**/*.qs</c>)
/// and its language features. Two projects are equal when their <see cref="ContentHash"/>es are.
/// </summary>
public sealed record QSharpProject
{
    private QSharpProject(string? directory, ImmutableArray<QSharpSource> sources, ImmutableArray<string> languageFeatures)
    {
        Directory = directory;
        Sources = sources;
        LanguageFeatures = languageFeatures;
        ContentHash = Hash(sources, languageFeatures);
    }

    /// <summary>The project folder the sources were read from; null for a project built from in-memory sources.</summary>
    public string? Directory { get; }

    /// <summary>The sources, sorted by name (paths relative to <see cref="Directory"/> with '/' separators).</summary>
    public ImmutableArray<QSharpSource> Sources { get; }

    /// <summary>The <c>languageFeatures</c> of <c>qsharp.json</c> (e.g. <c>v2-preview-syntax</c>); empty when it has none.</summary>
    public ImmutableArray<string> LanguageFeatures { get; }

    /// <summary>SHA-256 (lower-case hex) over the sources' names and contents and the language features: what the compiler sees.</summary>
    public string ContentHash { get; }

    /// <summary>Reads <c>qsharp.json</c> and every <c>src/**/*.qs</c> of a project folder.</summary>
    /// <param name="directory">The project folder (the one holding <c>qsharp.json</c>).</param>
    /// <exception cref="QSharpProjectException">The folder, its manifest or its sources are missing or unreadable.</exception>
    public static QSharpProject Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
            throw new QSharpProjectException(root, $"Q# project folder '{root}' does not exist.");
        var manifest = Path.Combine(root, "qsharp.json");
        if (!File.Exists(manifest))
            throw new QSharpProjectException(root, $"'{root}' is not a Q# project folder: it has no qsharp.json (a project holds qsharp.json and src/**/*.qs).");
        var features = ReadLanguageFeatures(root, manifest);

        var src = Path.Combine(root, "src");
        var files = System.IO.Directory.Exists(src)
            ? System.IO.Directory.EnumerateFiles(src, "*.qs", SearchOption.AllDirectories).ToList()
            : [];
        if (files.Count == 0)
            throw new QSharpProjectException(root, $"Q# project folder '{root}' has no Q# sources: expected .qs files under '{src}'.");

        var sources = files
            .Select(f => new QSharpSource(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return new QSharpProject(root, sources, features);
    }

    /// <summary>Builds a project from in-memory sources (sorted by name); used for generated and test programs.</summary>
    /// <param name="sources">The sources; names must be distinct.</param>
    /// <param name="languageFeatures">Language features to opt in to; none when null.</param>
    public static QSharpProject FromSources(IEnumerable<QSharpSource> sources, IEnumerable<string>? languageFeatures = null)
    {
        var sorted = sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToImmutableArray();
        if (sorted.IsEmpty) throw new ArgumentException("A Q# program needs at least one source.", nameof(sources));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Name == sorted[i - 1].Name)
                throw new ArgumentException($"Q# source name '{sorted[i].Name}' appears twice.", nameof(sources));
        }
        return new QSharpProject(null, sorted, languageFeatures?.ToImmutableArray() ?? []);
    }

    /// <summary>
    /// Returns a copy with one more source, e.g. a generated <c>@EntryPoint()</c> for <see cref="QSharpBridge.GetQir"/>.
    /// Put it beside the other sources (e.g. <c>src/Generated/Entry.qs</c>): the compiler derives the namespace of a
    /// file without a <c>namespace</c> block from its path below the folder all sources share, so a source outside
    /// <c>src/</c> would rename those implicit namespaces (<c>src/A.qs</c> would become <c>src.A</c> instead of <c>A</c>).
    /// </summary>
    /// <param name="name">The new source's name; must differ from every existing one.</param>
    /// <param name="text">Its contents.</param>
    public QSharpProject WithExtraSource(string name, string text)
    {
        if (Sources.Any(s => s.Name == name))
            throw new ArgumentException($"The Q# project already has a source named '{name}'.", nameof(name));
        var sources = Sources.Add(new QSharpSource(name, text)).Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new QSharpProject(Directory, sources, LanguageFeatures);
    }

    /// <summary>The path to show for a source in messages: relative to the current folder when the project has a folder.</summary>
    /// <param name="sourceName">A <see cref="QSharpSource.Name"/>, or another file name a diagnostic gives.</param>
    public string DisplayPath(string sourceName)
    {
        if (Directory is null || Sources.All(s => s.Name != sourceName)) return sourceName;
        var full = Path.Combine(Directory, sourceName);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }

    /// <inheritdoc/>
    public bool Equals(QSharpProject? other) => other is not null && ContentHash == other.ContentHash;

    /// <inheritdoc/>
    public override int GetHashCode() => ContentHash.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"Q# project {Directory ?? "(in memory)"}: {Sources.Length} sources, hash {ContentHash[..12]}";

    private static ImmutableArray<string> ReadLanguageFeatures(string root, string manifest)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new QSharpProjectException(root, $"'{manifest}' must hold a JSON object.");
            if (!doc.RootElement.TryGetProperty("languageFeatures", out var features)) return [];
            if (features.ValueKind != JsonValueKind.Array || features.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String))
                throw new QSharpProjectException(root, $"'languageFeatures' in '{manifest}' must be an array of strings.");
            return features.EnumerateArray().Select(f => f.GetString()!).ToImmutableArray();
        }
        catch (JsonException e)
        {
            throw new QSharpProjectException(root, $"'{manifest}' is not valid JSON: {e.Message}", e);
        }
    }

    private static string Hash(ImmutableArray<QSharpSource> sources, ImmutableArray<string> features)
    {
        // Length prefixes keep distinct (name, text) splits from hashing alike.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string part)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            hash.AppendData(Encoding.ASCII.GetBytes($"{bytes.Length}:"));
            hash.AppendData(bytes);
        }
        Add(sources.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var s in sources)
        {
            Add(s.Name);
            Add(s.Text);
        }
        foreach (var f in features) Add(f);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

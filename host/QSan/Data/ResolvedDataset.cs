namespace QSan.Data;

/// <summary>A catalogued dataset whose files are on disk, ready to load.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Directory">The folder holding its files.</param>
/// <param name="Source">How the folder was chosen.</param>
/// <param name="Warnings">Things the caller should print (e.g. a data-folder file whose checksum differs from the canonical one).</param>
public sealed record ResolvedDataset(DatasetInfo Dataset, string Directory, DatasetSource Source, IReadOnlyList<string> Warnings)
{
    /// <summary>The full path of one of the dataset's files.</summary>
    public string PathOf(DatasetFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Path.Combine(Directory, file.FileName);
    }

    /// <summary>
    /// Parses the files into splits. Given splits are used as they are; a dataset without a test file gets a
    /// stratified <see cref="DatasetCatalog.DefaultTestFraction"/> test split drawn with <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="DatasetFormatException">A file breaks its format.</exception>
    public DatasetSplits Load(int seed)
    {
        var train = SentenceFileReader.ReadFile(PathOf(Dataset.Train), Dataset.Format);
        var validation = Dataset.Validation is null ? null : SentenceFileReader.ReadFile(PathOf(Dataset.Validation), Dataset.Format);
        if (Dataset.Test is not null)
            return new DatasetSplits(train, validation, SentenceFileReader.ReadFile(PathOf(Dataset.Test), Dataset.Format));
        var (kept, test) = StratifiedSplitter.Split(train, DatasetCatalog.DefaultTestFraction, seed);
        return new DatasetSplits(kept, validation, test);
    }
}

namespace QSan.Data;

/// <summary>A dataset ready for training.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Splits">Its splits.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Origin">A human-readable description of where it came from (folder or generator).</param>
/// <param name="Warnings">Things the caller should print.</param>
public sealed record LoadedDataset(string Name, DatasetSplits Splits, DatasetSource Source, string Origin, IReadOnlyList<string> Warnings);

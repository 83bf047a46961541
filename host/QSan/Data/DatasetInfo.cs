namespace QSan.Data;

/// <summary>A catalogued dataset: its files, their format and how they become train/validation/test splits.</summary>
/// <param name="Name">Short name used on the command line (mc, rp, yelp, imdb, amazon).</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Format">The files' line format.</param>
/// <param name="Train">The training file (for single-file datasets, the whole data set).</param>
/// <param name="Validation">A given validation file, or null.</param>
/// <param name="Test">A given test file, or null when the test split is held out of <paramref name="Train"/> (stratified, seeded).</param>
public sealed record DatasetInfo(string Name, string Description, DatasetFormat Format, DatasetFile Train, DatasetFile? Validation, DatasetFile? Test)
{
    /// <summary>The dataset's files: train, then validation and test where given.</summary>
    public IReadOnlyList<DatasetFile> Files
    {
        get
        {
            var files = new List<DatasetFile> { Train };
            if (Validation is not null) files.Add(Validation);
            if (Test is not null) files.Add(Test);
            return files;
        }
    }
}

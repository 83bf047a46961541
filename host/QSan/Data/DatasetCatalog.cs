namespace QSan.Data;

/// <summary>
/// The five datasets of the QSANN paper with their canonical sources and checksums. MC and RP come from the
/// lambeq repository at a fixed commit; Yelp, IMDb and Amazon from the UCI "Sentiment Labelled Sentences"
/// archive (dataset 331, Kotzias et al., KDD 2015). The single-file UCI sets are split 80/20 stratified.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>The lambeq commit the MC and RP files are pinned to.</summary>
    public const string LambeqCommit = "e012aa91b230328f4ecbfbbce3b8009c76d05196";

    /// <summary>The folder of the UCI zip that holds the three sentiment files.</summary>
    public const string UciArchiveFolder = "sentiment labelled sentences/";

    /// <summary>Share of a single-file dataset held out as the test split.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>The UCI zip archive.</summary>
    public static readonly Uri UciArchive = new("https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip");

    /// <summary>MC (meaning classification, food vs IT): given train/dev/test, 70/30/30 sentences.</summary>
    public static readonly DatasetInfo Mc = new(
        "mc", "Meaning classification (food vs IT), lambeq; train/dev/test 70/30/30", DatasetFormat.LabelFirst,
        Lambeq("mc_train_data.txt", "a6bbd09b3f50e7db667f1ab7678b5b2dd3ee5ed82d5a5f76da05658c3e6112e9"),
        Lambeq("mc_dev_data.txt", "1a81ff2b8459d83dc4a9a46f72085d8aadac8b3c3d15402c7a6fdd43048fd0b1"),
        Lambeq("mc_test_data.txt", "39dc1762a06631ed7c0fa5abc933adbf646590b13f92af3abde7f632e7fdbb41"));

    /// <summary>RP (relative pronoun, subject vs object clause): given train/test, 74/31 sentences.</summary>
    public static readonly DatasetInfo Rp = new(
        "rp", "Relative pronoun classification, lambeq; train/test 74/31", DatasetFormat.LabelFirst,
        Lambeq("rp_train_data.txt", "c5d45b0e9e278b2e054c44e6003ad9caa63effe597f033533300d569b07dccbd"),
        null,
        Lambeq("rp_test_data.txt", "6bd4dabdd7b87bee54be8429e2e52cbd0f01a0f516ca69fad2aaa146e4c34985"));

    /// <summary>Yelp review sentences, UCI; 1000 sentences, 500 per label.</summary>
    public static readonly DatasetInfo Yelp = Uci("yelp", "Yelp review sentiment", "yelp_labelled.txt", "eeb9e1493ffcde9fb838bf8e20ff48ec51bbb349355e5760e02746b707d399d1");

    /// <summary>IMDb review sentences, UCI; 1000 sentences, 500 per label.</summary>
    public static readonly DatasetInfo Imdb = Uci("imdb", "IMDb review sentiment", "imdb_labelled.txt", "d12a866cf337cf871233c5d52ccca717f124d9678101e37fb3415c830f72e574");

    /// <summary>Amazon phone review sentences, UCI; 1000 sentences, 500 per label.</summary>
    public static readonly DatasetInfo Amazon = Uci("amazon", "Amazon cell-phone review sentiment", "amazon_cells_labelled.txt", "d631a137c89205e2b5091543d79d6f77e50446a11bab7bb7b9e528d46dd9a6dc");

    /// <summary>All catalogued datasets.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [Mc, Rp, Yelp, Imdb, Amazon];

    /// <summary>The dataset called <paramref name="name"/> (case-insensitive), or false.</summary>
    public static bool TryGet(string name, out DatasetInfo dataset)
    {
        foreach (var d in All)
        {
            if (string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                dataset = d;
                return true;
            }
        }
        dataset = null!;
        return false;
    }

    /// <summary>The dataset called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static DatasetInfo Get(string name) =>
        TryGet(name, out var dataset)
            ? dataset
            : throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", All.Select(d => d.Name))}, or '{BuiltInCorpus.Name}'.");

    private static DatasetFile Lambeq(string file, string sha256) =>
        new(file, sha256, new Uri($"https://raw.githubusercontent.com/CQCL/lambeq/{LambeqCommit}/docs/examples/datasets/{file}"));

    private static DatasetInfo Uci(string name, string description, string file, string sha256) =>
        new(name, $"{description}, UCI Sentiment Labelled Sentences; 1000 sentences, stratified 80/20 train/test", DatasetFormat.TabSeparated,
            new DatasetFile(file, sha256, UciArchive, UciArchiveFolder + file), null, null);
}

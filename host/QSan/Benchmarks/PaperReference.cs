namespace QSan.Benchmarks;

/// <summary>
/// The QSANN paper's settings and reported test accuracies (Li, Zhao, Wang, arXiv 2205.05625, as docs/model.md quotes
/// them under "The paper's sizes"): the five datasets in the paper's order, n = 2 for MC and 4 for the rest, D = 1, L = 1.
/// </summary>
public static class PaperReference
{
    /// <summary>The datasets of the paper's table, in its order.</summary>
    public static IReadOnlyList<string> Datasets { get; } = ["mc", "rp", "yelp", "imdb", "amazon"];

    /// <summary>The paper's QSANN test accuracy on <paramref name="dataset"/>, or null for a dataset it does not report.</summary>
    public static double? Accuracy(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.ToLowerInvariant() switch
        {
            "mc" => 1.0,
            "rp" => 0.6774,
            "yelp" => 0.8479,
            "imdb" => 0.8028,
            "amazon" => 0.8425,
            _ => null,
        };
    }
}

using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>
/// One line of the paper table: a dataset, model and variant summarised over its seeds. Standard deviations are the
/// sample ones (n − 1; 0 for a single seed).
/// </summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="Model">"qsann" or "csann".</param>
/// <param name="Variant">The variant's name.</param>
/// <param name="Arguments">Its <c>train</c> options.</param>
/// <param name="Seeds">The seeds run.</param>
/// <param name="TestAccuracyMean">Mean test accuracy (each run's test split scored once, at its end).</param>
/// <param name="TestAccuracyStd">Its standard deviation over seeds.</param>
/// <param name="ValidationAccuracyMean">Mean validation accuracy of the kept weights (what variants are selected by), or null without a validation split.</param>
/// <param name="ValidationAccuracyStd">Its standard deviation, or null.</param>
/// <param name="TrainAccuracyMean">Mean training accuracy of the kept weights.</param>
/// <param name="Parameters">Trainable values outside the embeddings (the paper's count), as the model reports it.</param>
/// <param name="EmbeddingParameters">Embedding values of the first seed's run (the vocabulary differs by split).</param>
/// <param name="TrainSeconds">Mean training time per run (epochs and validation passes; start-up excluded).</param>
/// <param name="EpochsMean">Mean epochs trained (early stopping may end runs sooner).</param>
/// <param name="BestEpochMean">Mean selected epoch.</param>
/// <param name="PaperAccuracy">The paper's QSANN test accuracy on this dataset (QSANN rows), or null.</param>
/// <param name="Selected">Whether this variant has the best mean validation accuracy of its dataset and model.</param>
/// <param name="TestAccuracies">Each seed's test accuracy, in seed order.</param>
/// <param name="ValidationAccuracies">Each seed's validation accuracy (null entries without validation).</param>
public sealed record PaperRow(
    string Dataset,
    string Model,
    string Variant,
    string Arguments,
    IReadOnlyList<int> Seeds,
    double TestAccuracyMean,
    double TestAccuracyStd,
    double? ValidationAccuracyMean,
    double? ValidationAccuracyStd,
    double TrainAccuracyMean,
    int Parameters,
    int EmbeddingParameters,
    double TrainSeconds,
    double EpochsMean,
    double BestEpochMean,
    double? PaperAccuracy,
    bool Selected,
    IReadOnlyList<double> TestAccuracies,
    IReadOnlyList<double?> ValidationAccuracies)
{
    /// <summary>Summarises the runs of one dataset, model and variant (all seeds).</summary>
    public static PaperRow Summarise(PaperRunSpec first, IReadOnlyList<TrainingResult> results)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("A row needs at least one run.", nameof(results));
        var parameters = results[0].Parameters;
        if (results.Any(r => r.Parameters != parameters)) throw new InvalidOperationException("The runs of one variant disagree on the parameter count.");
        var test = results.Select(r => r.TestAccuracy).ToArray();
        var validation = results.Select(r => r.ValidationAccuracy).ToArray();
        var hasValidation = validation.All(v => v is not null);
        var model = first.Model.ToString().ToLowerInvariant();
        return new PaperRow(
            first.Dataset, model, first.Variant.Name, first.Variant.CommandLine, [.. results.Select(r => r.Seed)],
            Mean(test), Std(test),
            hasValidation ? Mean(validation.Select(v => v!.Value).ToArray()) : null,
            hasValidation ? Std(validation.Select(v => v!.Value).ToArray()) : null,
            Mean(results.Select(r => r.TrainAccuracy).ToArray()), parameters, results[0].EmbeddingParameters,
            Mean(results.Select(r => r.TrainSeconds).ToArray()), Mean(results.Select(r => (double)r.EpochsRun).ToArray()),
            Mean(results.Select(r => (double)r.BestEpoch).ToArray()),
            first.Model == QSan.Model.ModelKind.Qsann ? PaperReference.Accuracy(first.Dataset) : null, false, test, validation);
    }

    /// <summary>
    /// Marks, for every dataset and model, the variant with the highest mean validation accuracy (the first listed on a
    /// tie). Test accuracy plays no part. Rows without validation are never selected.
    /// </summary>
    public static IReadOnlyList<PaperRow> MarkSelected(IReadOnlyList<PaperRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var best = new Dictionary<(string, string), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].ValidationAccuracyMean is not { } v) continue;
            var key = (rows[i].Dataset, rows[i].Model);
            if (!best.TryGetValue(key, out var b) || v > rows[b].ValidationAccuracyMean!.Value) best[key] = i;
        }
        var chosen = new HashSet<int>(best.Values);
        return [.. rows.Select((r, i) => r with { Selected = chosen.Contains(i) })];
    }

    private static double Mean(double[] values) => values.Average();

    private static double Std(double[] values)
    {
        if (values.Length < 2) return 0.0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}

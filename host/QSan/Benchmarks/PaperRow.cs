namespace QSan.Benchmarks;

/// <summary>
/// One line of the paper table: a dataset, model and variant summarised over its seeds. Standard deviations are the
/// sample ones (n − 1; 0 for a single seed).
/// </summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="Model">"qsann" or "csann".</param>
/// <param name="Variant">The variant's name.</param>
/// <param name="Arguments">Its <c>train</c> options.</param>
/// <param name="Protocol">How each seed selected its model: "holdout" or "cv" (as <c>--protocol</c> spells it).</param>
/// <param name="Seeds">The seeds run.</param>
/// <param name="TestAccuracyMean">Mean test accuracy (each seed's test split scored once, by its final model).</param>
/// <param name="TestAccuracyStd">Its standard deviation over seeds.</param>
/// <param name="ValidationAccuracyMean">Mean selection score (what variants are selected by), or null without validation.</param>
/// <param name="ValidationAccuracyStd">Its standard deviation, or null.</param>
/// <param name="TrainAccuracyMean">Mean accuracy of the final models on the data they were fitted on.</param>
/// <param name="Parameters">Trainable values outside the embeddings (the paper's count), as the model reports it.</param>
/// <param name="EmbeddingParameters">Embedding values of the first seed's final model (the vocabulary differs by split).</param>
/// <param name="TrainSeconds">Mean training time per seed (epochs and validation passes of all its runs; start-up excluded).</param>
/// <param name="RunsPerSeed">Training runs per seed (1, or K folds + 1 refit).</param>
/// <param name="SelectedEpochs">Each seed's kept epoch (holdout) or refit epoch count (cross-validation).</param>
/// <param name="PaperAccuracy">The paper's QSANN test accuracy on this dataset (QSANN rows), or null.</param>
/// <param name="Selected">Whether this variant has the best mean validation accuracy of its dataset and model.</param>
/// <param name="TestAccuracies">Each seed's test accuracy, in seed order.</param>
/// <param name="ValidationAccuracies">Each seed's selection score (null entries without validation).</param>
public sealed record PaperRow(
    string Dataset,
    string Model,
    string Variant,
    string Arguments,
    string Protocol,
    IReadOnlyList<int> Seeds,
    double TestAccuracyMean,
    double TestAccuracyStd,
    double? ValidationAccuracyMean,
    double? ValidationAccuracyStd,
    double TrainAccuracyMean,
    int Parameters,
    int EmbeddingParameters,
    double TrainSeconds,
    int RunsPerSeed,
    IReadOnlyList<int> SelectedEpochs,
    double? PaperAccuracy,
    bool Selected,
    IReadOnlyList<double> TestAccuracies,
    IReadOnlyList<double?> ValidationAccuracies)
{
    /// <summary>Summarises the seeds of one dataset, model and variant.</summary>
    public static PaperRow Summarise(PaperRunSpec run, PaperProtocol protocol, IReadOnlyList<PaperSeedResult> results)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("A row needs at least one seed.", nameof(results));
        var parameters = results[0].Parameters;
        if (results.Any(r => r.Parameters != parameters)) throw new InvalidOperationException("The seeds of one variant disagree on the parameter count.");
        var test = results.Select(r => r.TestAccuracy).ToArray();
        var validation = results.Select(r => r.ValidationAccuracy).ToArray();
        double[]? scores = validation.All(v => v is not null) ? [.. validation.Select(v => v!.Value)] : null;
        return new PaperRow(
            run.Dataset, run.Model.ToString().ToLowerInvariant(), run.Variant.Name, run.Variant.Flags, protocol == PaperProtocol.CrossValidation ? "cv" : "holdout", [.. results.Select(r => r.Seed)],
            Mean(test), SampleStatistics.StandardDeviation(test), scores is null ? null : Mean(scores), scores is null ? null : SampleStatistics.StandardDeviation(scores),
            Mean([.. results.Select(r => r.TrainAccuracy)]), parameters, results[0].EmbeddingParameters,
            Mean([.. results.Select(r => r.TrainSeconds)]), results.Max(r => r.Runs), [.. results.Select(r => r.SelectedEpoch)],
            run.Model == QSan.Model.ModelKind.Qsann ? PaperReference.Accuracy(run.Dataset) : null, false, test, validation);
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
}

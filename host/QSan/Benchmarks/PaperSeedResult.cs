namespace QSan.Benchmarks;

/// <summary>The outcome of one seed of one dataset, model and variant.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="ValidationAccuracy">The selection score: the kept epoch's validation accuracy (holdout) or the folds' mean at the chosen epoch count (cross-validation); null without validation.</param>
/// <param name="TestAccuracy">The final model's test accuracy, scored once.</param>
/// <param name="TrainAccuracy">The final model's accuracy on the data it was fitted on.</param>
/// <param name="Parameters">Trainable values outside the embeddings, as the model reports them.</param>
/// <param name="EmbeddingParameters">Values in the final model's embedding table.</param>
/// <param name="TrainSeconds">Training time of every run this seed needed (folds and refit included).</param>
/// <param name="SelectedEpoch">The kept epoch (holdout) or the refit's epoch count (cross-validation).</param>
/// <param name="Runs">Training runs this seed needed.</param>
public sealed record PaperSeedResult(
    int Seed, double? ValidationAccuracy, double TestAccuracy, double TrainAccuracy, int Parameters, int EmbeddingParameters,
    double TrainSeconds, int SelectedEpoch, int Runs);

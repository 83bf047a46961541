namespace QSan.Benchmarks;

/// <summary>How a benchmark run turns training data into a selected model and one test score.</summary>
public enum PaperProtocol
{
    /// <summary>
    /// Exactly <c>train</c>: a stratified 20 % of the training split validates (MC: its dev split), the best epoch on it
    /// is kept, and that model is scored on the test split.
    /// </summary>
    Holdout,

    /// <summary>
    /// Stratified K-fold cross-validation on the training split picks the epoch count (the best epoch of the folds' mean
    /// validation accuracy, which is also the reported validation accuracy); a model refitted on the whole training split
    /// for that many epochs is scored on the test split. A dataset with its own validation split (MC) runs as
    /// <see cref="Holdout"/>.
    /// </summary>
    CrossValidation,
}

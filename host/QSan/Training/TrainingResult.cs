namespace QSan.Training;

/// <summary>The outcome of a finished run, as <c>train --json</c> prints it and <c>result.json</c> stores it.</summary>
/// <param name="Dataset">Dataset name or training file.</param>
/// <param name="Model">"qsann" or "csann".</param>
/// <param name="Backend">"native", "qsharp", "shots:N", or "classical" for CSANN.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Parameters">Trainable values outside the embeddings (the paper's count).</param>
/// <param name="EmbeddingParameters">Values in the embedding table.</param>
/// <param name="EpochsRun">Epochs trained (fewer than asked when early stopping ended the run).</param>
/// <param name="BestEpoch">The epoch whose weights were kept (best on validation, or the last without validation).</param>
/// <param name="StopReason">Why training ended.</param>
/// <param name="TrainAccuracy">Accuracy of the kept weights on the training split.</param>
/// <param name="ValidationAccuracy">Accuracy of the kept weights on the validation split, if any.</param>
/// <param name="TestAccuracy">Accuracy of the kept weights on the test split, scored once at the end.</param>
/// <param name="TestLoss">Data loss on the test split.</param>
/// <param name="TrainSeconds">Time spent in the epochs (minibatch steps and validation passes), start-up and file writing excluded.</param>
/// <param name="TokensPerSecond">Training tokens per second over all epochs.</param>
/// <param name="TrainSentences">Sentences in the training split (after carving validation).</param>
/// <param name="ValidationSentences">Sentences in the validation split.</param>
/// <param name="TestSentences">Sentences in the test split.</param>
/// <param name="VocabularySize">Embedding rows, the unknown-word slot included.</param>
/// <param name="OutputDir">The run folder.</param>
public sealed record TrainingResult(
    string Dataset,
    string Model,
    string Backend,
    int Seed,
    int Parameters,
    int EmbeddingParameters,
    int EpochsRun,
    int BestEpoch,
    string StopReason,
    double TrainAccuracy,
    double? ValidationAccuracy,
    double TestAccuracy,
    double TestLoss,
    double TrainSeconds,
    double TokensPerSecond,
    int TrainSentences,
    int ValidationSentences,
    int TestSentences,
    int VocabularySize,
    string OutputDir);

using QSan.Autograd;

namespace QSan.Training;

/// <summary>
/// Everything a run needs to continue exactly where it stopped, or to be used once finished: the options, the
/// vocabulary, the weights after the last completed epoch and the best ones so far, Adam's moments, the shuffling
/// generator's state, the selection bookkeeping and the metrics history. Stored by <see cref="CheckpointFile"/>.
/// </summary>
/// <param name="Options">The run's options.</param>
/// <param name="Vocabulary">The vocabulary's words (index = id).</param>
/// <param name="DataFingerprint">A hash of the splits, so a resume on changed data is refused.</param>
/// <param name="Epoch">Completed epochs.</param>
/// <param name="RandomState">The shuffling generator's state after <paramref name="Epoch"/>.</param>
/// <param name="Optimizer">Adam's state (moments, step count).</param>
/// <param name="Weights">The weights after <paramref name="Epoch"/>, by parameter name.</param>
/// <param name="BestWeights">The weights of <paramref name="BestEpoch"/>, by parameter name.</param>
/// <param name="BestEpoch">The epoch selected so far (0 before the first).</param>
/// <param name="BestValidationAccuracy">Its validation accuracy, if there is a validation split.</param>
/// <param name="BestValidationLoss">Its validation loss, if there is a validation split.</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best one (for early stopping).</param>
/// <param name="History">Per-epoch metrics.</param>
/// <param name="TrainSeconds">Training time so far (summed over resumptions).</param>
/// <param name="Stop">Why training ended, or null while it can continue.</param>
/// <param name="Result">The final scores once the run has finished.</param>
/// <param name="CircuitSourceHash">Hash of the Q# sources the circuits came from (QSANN).</param>
/// <param name="CompilerVersion">The Q# compiler version that compiled them (QSANN).</param>
public sealed record Checkpoint(
    TrainingOptions Options,
    IReadOnlyList<string> Vocabulary,
    string DataFingerprint,
    int Epoch,
    ulong[] RandomState,
    OptimizerState Optimizer,
    IReadOnlyDictionary<string, double[]> Weights,
    IReadOnlyDictionary<string, double[]> BestWeights,
    int BestEpoch,
    double? BestValidationAccuracy,
    double? BestValidationLoss,
    int EpochsWithoutImprovement,
    IReadOnlyList<EpochMetrics> History,
    double TrainSeconds,
    TrainingStop? Stop,
    TrainingResult? Result,
    string? CircuitSourceHash,
    string? CompilerVersion);

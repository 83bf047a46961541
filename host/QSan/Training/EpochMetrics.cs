namespace QSan.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean data loss over the epoch's minibatches (the λ penalty excluded), each measured before its update.</param>
/// <param name="TrainAccuracy">Share of training sentences classified correctly, each measured before its minibatch's update.</param>
/// <param name="ValidationLoss">Data loss on the validation split after the epoch, if there is one.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split after the epoch, if there is one.</param>
/// <param name="Seconds">Wall time of the epoch: minibatch steps and the validation pass.</param>
/// <param name="TokensPerSecond">Training tokens processed per second of the epoch.</param>
/// <param name="IsBest">Whether the epoch is the best so far on validation (or the latest without validation).</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double Seconds,
    double TokensPerSecond,
    bool IsBest);

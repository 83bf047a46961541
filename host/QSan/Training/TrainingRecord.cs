namespace QSan.Training;

/// <summary>
/// The record of epochs and selection that a <see cref="TrainingRunState"/> keeps (<see cref="TrainingRunState.Record"/>):
/// completed epochs, the epoch selected so far with its weights and validation scores, the metrics history, the training
/// time, and why (and with what result) the run ended. <see cref="TrainingLoop"/> changes it only through
/// <see cref="CompleteEpoch"/> and <see cref="Finish"/>; checkpoints store it.
/// </summary>
public sealed class TrainingRecord
{
    private readonly List<EpochMetrics> history;

    private TrainingRecord(IReadOnlyDictionary<string, double[]> bestWeights, IEnumerable<EpochMetrics> history)
    {
        BestWeights = bestWeights;
        this.history = [.. history];
    }

    /// <summary>Completed epochs.</summary>
    public int Epoch { get; private set; }

    /// <summary>The selected epoch so far (0 before the first).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Its weights (before the first epoch: the initial ones).</summary>
    public IReadOnlyDictionary<string, double[]> BestWeights { get; private set; }

    /// <summary>Its validation accuracy.</summary>
    public double? BestValidationAccuracy { get; private set; }

    /// <summary>Its validation loss.</summary>
    public double? BestValidationLoss { get; private set; }

    /// <summary>Epochs since the selected one (for early stopping).</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Per-epoch metrics so far.</summary>
    public IReadOnlyList<EpochMetrics> History => history;

    /// <summary>Training time so far, over all resumptions.</summary>
    public double TrainSeconds { get; private set; }

    /// <summary>Why training ended, or null while it continues.</summary>
    public TrainingStop? Stop { get; private set; }

    /// <summary>The final scores once finished.</summary>
    public TrainingResult? Result { get; private set; }

    /// <summary>A run before its first epoch.</summary>
    public static TrainingRecord Start(IReadOnlyDictionary<string, double[]> initialWeights) => new(initialWeights, []);

    /// <summary>The state a checkpoint saved.</summary>
    public static TrainingRecord From(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new TrainingRecord(checkpoint.BestWeights, checkpoint.History)
        {
            Epoch = checkpoint.Epoch,
            BestEpoch = checkpoint.BestEpoch,
            BestValidationAccuracy = checkpoint.BestValidationAccuracy,
            BestValidationLoss = checkpoint.BestValidationLoss,
            EpochsWithoutImprovement = checkpoint.EpochsWithoutImprovement,
            TrainSeconds = checkpoint.TrainSeconds,
            Stop = checkpoint.Stop,
            Result = checkpoint.Result,
        };
    }

    /// <summary>
    /// Records a finished epoch: it is selected when its validation score beats the selected one's (or when there is no
    /// validation split), early stopping counts the epochs since, and training stops at the epoch limit.
    /// </summary>
    /// <param name="options">The run's options (patience, epoch limit).</param>
    /// <param name="trainLoss">Mean loss of the epoch's steps.</param>
    /// <param name="trainAccuracy">Accuracy of the epoch's steps.</param>
    /// <param name="validation">The score on the validation split after the epoch, or null without one.</param>
    /// <param name="seconds">Wall time of the epoch.</param>
    /// <param name="tokens">Training tokens processed in the epoch.</param>
    /// <param name="weights">The weights after the epoch (read only if it is selected).</param>
    /// <returns>The epoch's metrics, as added to <see cref="History"/>.</returns>
    public EpochMetrics CompleteEpoch(TrainingOptions options, double trainLoss, double trainAccuracy, Score? validation, double seconds, long tokens,
        Func<IReadOnlyDictionary<string, double[]>> weights)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(weights);
        if (Stop is not null) throw new InvalidOperationException($"The run has already ended ({Stop}).");
        var epoch = Epoch + 1;
        TrainSeconds += seconds;
        var improved = validation is null || IsBetter(validation);
        if (improved)
        {
            BestEpoch = epoch;
            BestWeights = weights();
            BestValidationAccuracy = validation?.Accuracy;
            BestValidationLoss = validation?.Loss;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, validation?.Loss, validation?.Accuracy, seconds, tokens / seconds, improved);
        history.Add(metrics);
        Epoch = epoch;
        if (options.Patience > 0 && EpochsWithoutImprovement >= options.Patience) Stop = TrainingStop.EarlyStopped;
        else if (epoch >= options.Epochs) Stop = TrainingStop.Completed;
        return metrics;
    }

    /// <summary>Records the final scores of a run that has stopped.</summary>
    public void Finish(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Stop is null) throw new InvalidOperationException("A run is finished only after it has stopped.");
        Result = result;
    }

    /// <summary>Lets a completed run continue (it was given more epochs): its end and result no longer stand.</summary>
    public void Reopen()
    {
        if (Stop != TrainingStop.Completed) throw new InvalidOperationException($"Only a completed run can be extended; this one is {Stop?.ToString() ?? "still running"}.");
        Stop = null;
        Result = null;
    }

    /// <summary>Higher validation accuracy wins; equal accuracy is broken by lower validation loss (small splits tie often).</summary>
    private bool IsBetter(Score candidate)
    {
        if (BestValidationAccuracy is not { } accuracy || BestValidationLoss is not { } loss) return true;
        if (candidate.Accuracy != accuracy) return candidate.Accuracy > accuracy;
        return candidate.Loss < loss;
    }
}

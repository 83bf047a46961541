namespace QSan.Training;

/// <summary>Receives progress from <see cref="TrainingLoop"/> (the CLI's live display; tests use it to interrupt a run).</summary>
public interface ITrainingObserver
{
    /// <summary>After each minibatch step.</summary>
    /// <param name="epoch">1-based epoch.</param>
    /// <param name="batch">Minibatches done in this epoch.</param>
    /// <param name="batches">Minibatches per epoch.</param>
    void OnBatch(int epoch, int batch, int batches);

    /// <summary>After each epoch, once its checkpoint is on disk.</summary>
    void OnEpoch(EpochMetrics metrics);
}

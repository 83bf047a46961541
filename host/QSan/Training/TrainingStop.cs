namespace QSan.Training;

/// <summary>Why a run's training loop ended.</summary>
public enum TrainingStop
{
    /// <summary>All requested epochs ran; <c>--resume DIR --epochs N</c> can extend the run.</summary>
    Completed,

    /// <summary>The validation score stopped improving for <see cref="TrainingOptions.Patience"/> epochs.</summary>
    EarlyStopped,
}

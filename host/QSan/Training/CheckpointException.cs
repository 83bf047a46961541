namespace QSan.Training;

/// <summary>A checkpoint or run folder that cannot be read or does not fit the request; the message says which and why.</summary>
public sealed class CheckpointException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

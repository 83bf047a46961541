namespace QSan.Data;

/// <summary>A dataset's files could not be found or fetched; the message says where it looked and what to do.</summary>
public class DatasetUnavailableException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public DatasetUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

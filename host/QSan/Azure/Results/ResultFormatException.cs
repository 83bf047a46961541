namespace QSan.Azure.Results;

/// <summary>A job's output could not be read in the format it claims; the message names the format and what was wrong.</summary>
public sealed class ResultFormatException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public ResultFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying parse error.</summary>
    public ResultFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace QSan.Data;

/// <summary>A dataset file that does not follow its format, with the file and 1-based line where it went wrong.</summary>
public sealed class DatasetFormatException : QSanException
{
    /// <summary>Creates the exception; the message reads "file:line: problem".</summary>
    /// <param name="fileName">The file (as given by the caller, usually its path).</param>
    /// <param name="lineNumber">1-based line number.</param>
    /// <param name="problem">What is wrong with that line.</param>
    public DatasetFormatException(string fileName, int lineNumber, string problem)
        : base($"{fileName}:{lineNumber}: {problem}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FileName { get; }

    /// <summary>1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}

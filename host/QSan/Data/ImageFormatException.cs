namespace QSan.Data;

/// <summary>An image file that is not what its format promises (wrong magic number, sizes, truncation, bad values).</summary>
public sealed class ImageFormatException : QSanException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file.</param>
    /// <param name="problem">What is wrong with it.</param>
    public ImageFormatException(string fileName, string problem)
        : base($"{fileName}: {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FileName { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}

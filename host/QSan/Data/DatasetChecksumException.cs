namespace QSan.Data;

/// <summary>A downloaded file did not match its catalogued SHA-256; it was not kept.</summary>
public sealed class DatasetChecksumException : DatasetUnavailableException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file.</param>
    /// <param name="source">Where it was downloaded from.</param>
    /// <param name="expected">The catalogued checksum.</param>
    /// <param name="actual">The checksum of the received bytes.</param>
    public DatasetChecksumException(string fileName, Uri source, string expected, string actual)
        : base($"{fileName} downloaded from {source} has SHA-256 {actual}, not the expected {expected}; it was not saved. " +
            $"The source may have changed or the download was corrupted; pass {DatasetResolver.DataDirectorySetting} with a verified copy to continue.")
    {
        FileName = fileName;
        SourceUrl = source;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The file.</summary>
    public string FileName { get; }

    /// <summary>Where it was downloaded from.</summary>
    public Uri SourceUrl { get; }

    /// <summary>The catalogued checksum.</summary>
    public string Expected { get; }

    /// <summary>The checksum of the received bytes.</summary>
    public string Actual { get; }
}

namespace QSan.Data;

/// <summary>Where a resolved dataset's files were found.</summary>
public enum DatasetSource
{
    /// <summary>The folder given explicitly (<c>--data-dir</c>).</summary>
    DataDirectory,

    /// <summary>The folder named by the <c>QSAN_DATA</c> environment variable.</summary>
    EnvironmentDirectory,

    /// <summary>The user cache, all files already present and verified.</summary>
    Cache,

    /// <summary>The user cache, at least one file downloaded just now.</summary>
    Downloaded,

    /// <summary>Generated in process (<see cref="BuiltInCorpus"/>).</summary>
    BuiltIn,
}

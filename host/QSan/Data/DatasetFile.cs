namespace QSan.Data;

/// <summary>One file of a catalogued dataset and where it comes from.</summary>
/// <param name="FileName">The file's name in a data folder or the cache.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the canonical file.</param>
/// <param name="Source">The canonical download address (the file itself, or the zip archive holding it).</param>
/// <param name="ArchiveEntry">The entry's full name inside the zip at <paramref name="Source"/>, or null when <paramref name="Source"/> is the file.</param>
public sealed record DatasetFile(string FileName, string Sha256, Uri Source, string? ArchiveEntry = null);

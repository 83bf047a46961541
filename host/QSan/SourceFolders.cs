using System.Reflection;

namespace QSan;

/// <summary>
/// Where to look, upwards, for the repository's folders (quantum/, the npm packages): the current directory, the
/// program's folder, the library's folder, and the source folder this library was built from — a file-based app or a
/// notebook kernel runs from elsewhere, with a copy of QSan.dll.
/// </summary>
internal static class SourceFolders
{
    /// <summary>The existing starting folders, in that order.</summary>
    public static IEnumerable<string> SearchStarts()
    {
        var library = typeof(SourceFolders).Assembly;
        var sourceRoot = library.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "QSanSourceRoot")?.Value;
        string?[] starts = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(library.Location), sourceRoot];
        return starts.Where(s => !string.IsNullOrEmpty(s) && Directory.Exists(s))!;
    }
}

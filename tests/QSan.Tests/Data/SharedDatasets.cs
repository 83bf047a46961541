namespace QSan.Tests.Data;

/// <summary>Locates the real dataset files in <c>../shared/datasets</c> next to the repository.</summary>
internal static class SharedDatasets
{
    private static readonly Lazy<string> Location = new(Find);

    /// <summary>The folder; fails the test (rather than skipping) when it is absent.</summary>
    public static string Directory => Location.Value;

    /// <summary>The full path of a file in the folder.</summary>
    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>The repository's root folder (the one with QSanQSharp.sln).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QSanQSharp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"No QSanQSharp.sln above {AppContext.BaseDirectory}.");
    }

    private static string Find()
    {
        var datasets = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "datasets"));
        if (!System.IO.Directory.Exists(datasets))
            throw new InvalidOperationException($"The shared datasets folder {datasets} is missing; these tests need the real files.");
        return datasets;
    }
}

namespace QSan.Tests.Quantum.Bridge;

/// <summary>A Q# project folder (qsharp.json + src/*.qs) in a fresh temp folder, deleted on dispose.</summary>
internal sealed class TempQSharpProject : IDisposable
{
    public TempQSharpProject(IReadOnlyDictionary<string, string> sources, string manifest = "{}")
    {
        Directory = Path.Combine(Path.GetTempPath(), "qsan-qsharp-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "qsharp.json"), manifest);
        foreach (var (name, text) in sources)
        {
            var path = Path.Combine(Directory, name);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }

    public string Directory { get; }

    /// <summary>Writes the project and loads it the way the host does.</summary>
    public static QSan.Quantum.Bridge.QSharpProject Load(string fileName, string source)
    {
        using var folder = new TempQSharpProject(new Dictionary<string, string> { [fileName] = source });
        return QSan.Quantum.Bridge.QSharpProject.Load(folder.Directory);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

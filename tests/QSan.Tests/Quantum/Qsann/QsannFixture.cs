using QSan.Quantum.Bridge;
using QSan.Quantum.Import;
using QSan.Quantum.Qsann;

namespace QSan.Tests.Quantum.Qsann;

/// <summary>One bridge, the repository's Q# project and a fresh circuit cache, shared by the QSANN circuit tests.</summary>
public sealed class QsannFixture : IDisposable
{
    public QsannFixture()
    {
        CacheDirectory = Path.Combine(Path.GetTempPath(), "qsan-cache-" + Guid.NewGuid().ToString("N"));
        Cache = new CircuitCache(CacheDirectory);
        Project = QSharpProject.Load(QuantumWorkspace.LocateQuantumProject());
    }

    public QSharpBridge Bridge { get; } = QSharpBridge.Start();

    public QSharpProject Project { get; }

    public string CacheDirectory { get; }

    public CircuitCache Cache { get; }

    private readonly Dictionary<(int, int), QsannCircuitFamily> families = [];

    /// <summary>The imported family for (n, D), imported once per test run.</summary>
    public QsannCircuitFamily Family(int n, int depth)
    {
        lock (families)
        {
            if (!families.TryGetValue((n, depth), out var family))
                families[(n, depth)] = family = new QsannCircuitImporter(Bridge, Project, Cache).Import(n, depth);
            return family;
        }
    }

    public void Dispose()
    {
        Bridge.Dispose();
        try { Directory.Delete(CacheDirectory, recursive: true); }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class QsannCollection : ICollectionFixture<QsannFixture>
{
    public const string Name = "Qsann";
}

using QSan.Quantum.Bridge;
using QSan.Quantum.Import;

namespace QSan.Quantum.Qsann;

/// <summary>
/// What a command needs to work with the Q# circuits: the Q# project, one long-lived bridge process,
/// and the circuit importer with its on-disk cache. Dispose to stop the Node process.
/// </summary>
public sealed class QuantumWorkspace : IDisposable
{
    private QSharpBridge? bridge;

    private QuantumWorkspace(QSharpProject project, CircuitCache cache)
    {
        Project = project;
        Cache = cache;
    }

    /// <summary>The Q# project.</summary>
    public QSharpProject Project { get; }

    /// <summary>The template cache.</summary>
    public CircuitCache Cache { get; }

    /// <summary>The bridge, started on first use.</summary>
    public QSharpBridge Bridge => bridge ??= QSharpBridge.Start();

    /// <summary>Opens the Q# project in <paramref name="quantumDirectory"/>, or the one found by <see cref="LocateQuantumProject"/>.</summary>
    public static QuantumWorkspace Open(string? quantumDirectory = null, CircuitCache? cache = null) =>
        new(QSharpProject.Load(quantumDirectory ?? LocateQuantumProject()), cache ?? CircuitCache.Default());

    /// <summary>What <see cref="LocateQuantumProject"/> suggests when it finds no project (the command line says it in flags).</summary>
    public const string PassTheFolder = $"pass the folder to {nameof(QuantumWorkspace)}.{nameof(Open)}";

    /// <summary>
    /// The Q# project folder: <c>$QSAN_QUANTUM</c> if set, else the first <c>quantum/</c> with a <c>qsharp.json</c>
    /// found walking up from the current directory, then from the program's own folder.
    /// </summary>
    public static string LocateQuantumProject()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("QSAN_QUANTUM");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        foreach (var start in SourceFolders.SearchStarts())
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "quantum", "qsharp.json")))
                    return Path.Combine(dir.FullName, "quantum");
        throw new DirectoryNotFoundException($"No Q# project found: run from the QSan repository, {PassTheFolder}, or set QSAN_QUANTUM to a folder with qsharp.json.");
    }

    /// <summary>Imports (or loads from the cache) the QSANN circuits for (n, D).</summary>
    public QsannCircuitFamily Circuits(int numQubits, int depth) => new QsannCircuitImporter(Bridge, Project, Cache).Import(numQubits, depth);

    /// <inheritdoc/>
    public void Dispose() => bridge?.Dispose();
}

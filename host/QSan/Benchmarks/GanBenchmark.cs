using System.Text.Json;
using QSan.Data;
using QSan.Generative;
using QSan.Quantum.Qsann;

namespace QSan.Benchmarks;

/// <summary>One row of <c>bench gan</c>: one dataset and attention kind over several seeds.</summary>
/// <param name="Data">The images.</param>
/// <param name="Attention">none, classical or quantum.</param>
/// <param name="Epochs">Epochs per seed.</param>
/// <param name="AttentionParameters">Parameters of the generator's attention block (gate included).</param>
/// <param name="Parameters">Parameters of both networks.</param>
/// <param name="TrainSeconds">Mean training seconds per seed.</param>
/// <param name="FrechetMean">Mean Fréchet distance over the seeds.</param>
/// <param name="FrechetStd">Sample standard deviation of the Fréchet distance (0 for one seed).</param>
/// <param name="Coverage">Mean class coverage.</param>
/// <param name="Seeds">The seeds run.</param>
public sealed record GanBenchmarkRow(string Data, string Attention, int Epochs, int AttentionParameters, int Parameters, double TrainSeconds,
    double FrechetMean, double FrechetStd, double Coverage, int[] Seeds);

/// <summary>The three attention kinds side by side, same seeds, rest identical.</summary>
/// <param name="Rows">One row per dataset and kind.</param>
/// <param name="Floor">Real-vs-real Fréchet distance (two halves of the test images) per dataset.</param>
public sealed record GanBenchmarkResult(IReadOnlyList<GanBenchmarkRow> Rows, IReadOnlyDictionary<string, double> Floor);

/// <summary>
/// Runs <c>bench gan</c>: each dataset × attention kind × seed is one GAN run, in a temporary folder or, when a runs
/// folder is given, in <c>{runs}/{data}-{attention}-seed{seed}</c> (a folder of images by its own name), where the runs
/// (checkpoints, grids, metrics) stay: a benchmark stopped half-way continues each run from its last finished epoch.
/// </summary>
public static class GanBenchmark
{
    /// <summary>The datasets run when none are named: the 8×8 digits (quick).</summary>
    public static IReadOnlyList<string> DefaultDatasets { get; } = ["digits"];

    /// <summary>The seeds run when none are named (the issue asks for the mean of at least three).</summary>
    public static IReadOnlyList<int> DefaultSeeds { get; } = [1, 2, 3];

    /// <summary>The three kinds, in table order.</summary>
    public static IReadOnlyList<GanAttention> Kinds { get; } = [GanAttention.None, GanAttention.Classical, GanAttention.Quantum];

    /// <summary>Runs the benchmark.</summary>
    /// <param name="template">Options of every run; Data, Attention and Seed are replaced.</param>
    /// <param name="datasets">The image datasets.</param>
    /// <param name="kinds">The attention kinds.</param>
    /// <param name="seeds">The seeds.</param>
    /// <param name="circuits">The circuits for quantum attention (owned by the caller).</param>
    /// <param name="status">Receives a line per run and per epoch, or null.</param>
    /// <param name="runs">The folder that keeps the runs, or null for a temporary one deleted at the end.</param>
    /// <param name="cancellationToken">Stops between minibatches.</param>
    public static async Task<GanBenchmarkResult> RunAsync(GanOptions template, IReadOnlyList<string> datasets, IReadOnlyList<GanAttention> kinds,
        IReadOnlyList<int> seeds, ICircuitSource? circuits, Action<string>? status = null, string? runs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new GanException("Name at least one seed.");
        var rows = new List<GanBenchmarkRow>();
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        var root = runs ?? Path.Combine(Path.GetTempPath(), $"qsan-bench-gan-{Guid.NewGuid():N}");
        try
        {
            foreach (var data in datasets)
                foreach (var kind in kinds)
                {
                    var scores = new List<GanScore>();
                    var seconds = new List<double>();
                    int parameters = 0, attention = 0;
                    foreach (var seed in seeds)
                    {
                        status?.Invoke($"{data}, {kind.ToString().ToLowerInvariant()} attention, seed {seed}");
                        var options = template with { Data = data, Attention = kind, Seed = seed };
                        var directory = Path.Combine(root, $"{ImageDatasets.ShortName(data)}-{kind.ToString().ToLowerInvariant()}-seed{seed}");
                        var session = await OpenOrCreateAsync(options, directory, circuits, cancellationToken).ConfigureAwait(false);
                        var score = session.Train(status is null ? null : new EpochLines(status, options.Epochs), cancellationToken);
                        scores.Add(score);
                        seconds.Add(session.TrainSeconds);
                        parameters = session.ParameterCount;
                        attention = session.AttentionParameterCount;
                        floors[data] = score.Floor;
                    }
                    var mean = scores.Average(s => s.Frechet);
                    var std = scores.Count > 1 ? Math.Sqrt(scores.Sum(s => (s.Frechet - mean) * (s.Frechet - mean)) / (scores.Count - 1)) : 0;
                    rows.Add(new GanBenchmarkRow(data, kind.ToString().ToLowerInvariant(), template.Epochs, attention, parameters, seconds.Average(),
                        mean, std, scores.Average(s => s.Coverage), [.. seeds]));
                }
        }
        finally
        {
            try
            {
                if (runs is null) Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        return new GanBenchmarkResult(rows, floors);
    }

    /// <summary>Continues the run kept in <paramref name="directory"/> if it is this run, or starts it there.</summary>
    private static async Task<GanSession> OpenOrCreateAsync(GanOptions options, string directory, ICircuitSource? circuits, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(directory, GanSession.CheckpointFileName)))
            return await GanSession.CreateAsync(options, directory, circuits, cancellationToken: cancellationToken).ConfigureAwait(false);
        var session = await GanSession.ResumeAsync(directory, options.Epochs, circuits, cancellationToken: cancellationToken).ConfigureAwait(false);
        // The epochs may differ (the run is extended); the data folder may have moved; everything else must match.
        static string Settings(GanOptions o) => JsonSerializer.Serialize(o with { Epochs = 0, DataDirectory = null });
        if (Settings(session.Options) != Settings(options))
            throw new GanException($"'{directory}' holds a different run ({session.Options.Describe()}, seed {session.Options.Seed}); use another --runs folder.");
        if (session.Epoch > options.Epochs)
            throw new GanException($"'{directory}' has already trained {session.Epoch} epochs, more than the {options.Epochs} asked for; use another --runs folder or --epochs {session.Epoch}.");
        return session;
    }

    /// <summary>One status line per finished epoch.</summary>
    private sealed class EpochLines(Action<string> status, int epochs) : IGanObserver
    {
        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(GanEpoch epoch) =>
            status($"  epoch {epoch.Epoch}/{epochs}: D loss {epoch.DiscriminatorLoss:F3}, G loss {epoch.GeneratorLoss:F3}, gate {epoch.Gate:F3}, {epoch.Seconds:F1} s");
    }
}

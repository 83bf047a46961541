using System.Text.Json;
using QSan.Benchmarks;
using QSan.Data;
using QSan.Generative;
using QSan.Quantum.Qsann;
using QSan.Training;

namespace QSan.Torch.Generative;

/// <summary>One row of <c>bench gan</c>: one dataset and attention kind over several seeds.</summary>
/// <param name="Data">The images.</param>
/// <param name="Attention">none, classical, classical-matched or quantum.</param>
/// <param name="AttentionParameters">Parameters of the generator's attention block, γ included.</param>
/// <param name="Parameters">Parameters of both networks.</param>
/// <param name="Channels">c, the networks' base width (G: 2c, c; D: c, 2c).</param>
/// <param name="TrainImages">Training images per epoch.</param>
/// <param name="Epochs">Epochs per seed.</param>
/// <param name="SecondsPerEpoch">Mean seconds of an epoch's training steps, over seeds.</param>
/// <param name="FrechetMean">Mean over seeds of the final Fréchet distance.</param>
/// <param name="FrechetStd">Its sample standard deviation (0 for one seed).</param>
/// <param name="BestFrechetMean">Mean over seeds of each run's lowest per-epoch Fréchet distance.</param>
/// <param name="Coverage">Mean final class coverage.</param>
/// <param name="MinCoverage">The lowest final coverage of any seed (a collapsed run shows here).</param>
/// <param name="EpochsToThreshold">Mean over seeds of the first epoch within 1.5× of the run's best Fréchet distance.</param>
/// <param name="Floor">The real-vs-real Fréchet distance.</param>
/// <param name="Seeds">The seeds run.</param>
/// <param name="FrechetPerSeed">The final Fréchet distance of each seed.</param>
/// <param name="Gates">The final γ of each seed.</param>
/// <param name="LateFrechetMean">Mean over seeds of each run's <see cref="GanRunResult.LateFrechet"/> (the last epochs' mean).</param>
/// <param name="LateFrechetStd">Its sample standard deviation (0 for one seed).</param>
/// <param name="LateFrechetPerSeed">Each seed's <see cref="GanRunResult.LateFrechet"/>.</param>
public sealed record GanBenchmarkRow(string Data, string Attention, long AttentionParameters, long Parameters, int Channels, int TrainImages, int Epochs,
    double SecondsPerEpoch, double FrechetMean, double FrechetStd, double BestFrechetMean, double Coverage, double MinCoverage, double EpochsToThreshold,
    double Floor, int[] Seeds, double[] FrechetPerSeed, double[] Gates, double LateFrechetMean, double LateFrechetStd, double[] LateFrechetPerSeed);

/// <summary>
/// Two kinds compared seed by seed: runs with the same seed share the data order and the noise, and their Fréchet
/// distances rise and fall together from epoch to epoch, so the difference within a seed is the sharper comparison.
/// </summary>
/// <param name="Data">The images.</param>
/// <param name="Attention">The kind compared.</param>
/// <param name="Baseline">The kind it is compared with.</param>
/// <param name="Seeds">The seeds.</param>
/// <param name="DifferencePerSeed">Per seed, the attention run's <see cref="GanRunResult.LateFrechet"/> minus the baseline run's (negative: attention better).</param>
/// <param name="Mean">Their mean.</param>
/// <param name="Std">Their sample standard deviation (0 for one seed).</param>
public sealed record GanBenchmarkPair(string Data, string Attention, string Baseline, int[] Seeds, double[] DifferencePerSeed, double Mean, double Std);

/// <summary>The attention kinds side by side, same seeds, rest identical.</summary>
/// <param name="Rows">One row per dataset and kind.</param>
/// <param name="Curves">Per dataset, per kind, the Fréchet distance after each epoch of each seed.</param>
/// <param name="Pairs">Per dataset, every later kind against every earlier one (in the order run), seed by seed.</param>
public sealed record GanBenchmarkResult(IReadOnlyList<GanBenchmarkRow> Rows, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double[]>>> Curves,
    IReadOnlyList<GanBenchmarkPair> Pairs);

/// <summary>
/// Runs <c>bench gan</c>: each dataset × attention kind × seed is one GAN run, in a temporary folder or, when a runs
/// folder is given, in <c>{runs}/{data}-{attention}-seed{seed}</c>, where the runs (checkpoints, grids, metrics) stay: a
/// benchmark stopped half-way continues each run from its last finished epoch. With a runs folder it also writes
/// <c>frechet-{data}.svg</c>, the Fréchet distance against epoch per kind (mean over seeds).
/// </summary>
public static class GanBenchmark
{
    /// <summary>The datasets run when none are named: the 8×8 digits (quick).</summary>
    public static IReadOnlyList<string> DefaultDatasets { get; } = ["digits"];

    /// <summary>The seeds run when none are named.</summary>
    public static IReadOnlyList<int> DefaultSeeds { get; } = [1, 2, 3];

    /// <summary>The kinds, in table order.</summary>
    public static IReadOnlyList<GanAttention> Kinds { get; } = [GanAttention.None, GanAttention.Classical, GanAttention.ClassicalMatched, GanAttention.Quantum];

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
        if (datasets.Count == 0) throw new GanException($"Name at least one dataset ({nameof(datasets)}).");
        if (kinds.Count == 0) throw new GanException($"Name at least one attention kind ({nameof(kinds)}).");
        if (seeds.Count == 0) throw new GanException($"Name at least one seed ({nameof(seeds)}).");
        var rows = new List<GanBenchmarkRow>();
        var pairs = new List<GanBenchmarkPair>();
        var curves = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double[]>>>(StringComparer.Ordinal);
        var root = runs ?? Path.Combine(Path.GetTempPath(), $"qsan-bench-gan-{Guid.NewGuid():N}");
        try
        {
            foreach (var data in datasets)
            {
                var byKind = new Dictionary<string, IReadOnlyList<double[]>>(StringComparer.Ordinal);
                var lateByKind = new List<(string Kind, double[] Late)>();
                double floor = 0;
                foreach (var kind in kinds)
                {
                    var results = new List<GanRunResult>();
                    var gates = new List<double>();
                    var trainImages = 0;
                    foreach (var seed in seeds)
                    {
                        status?.Invoke($"{data}, {GanOptions.Name(kind)} attention, seed {seed}");
                        var options = template with { Data = data, Attention = kind, Seed = seed };
                        var directory = Path.Combine(root, $"{ImageDatasets.ShortName(data)}-{GanOptions.Name(kind)}-seed{seed}");
                        using var state = await OpenOrCreateAsync(options, directory, circuits, cancellationToken).ConfigureAwait(false);
                        GanTrainingLoop.Train(state, status is null ? null : new EpochLines(status, options.Epochs), cancellationToken);
                        results.Add(GanRunResult.From(state));
                        gates.Add(state.History.Count > 0 ? state.History[^1].Gate : 0);
                        trainImages = state.TrainImages.Count;
                    }
                    var frechet = results.Select(r => r.Frechet).ToArray();
                    var late = results.Select(r => r.LateFrechet).ToArray();
                    var first = results[0];
                    floor = first.Floor;
                    rows.Add(new GanBenchmarkRow(first.Data, GanOptions.Name(kind), first.AttentionParameters, first.Parameters, first.Channels, trainImages,
                        template.Epochs, results.Average(r => r.SecondsPerEpoch), frechet.Average(), SampleStatistics.StandardDeviation(frechet), results.Average(r => r.BestFrechet),
                        results.Average(r => r.Coverage), results.Min(r => r.Coverage), results.Average(r => r.EpochsToThreshold), floor, [.. seeds], frechet,
                        [.. gates], late.Average(), SampleStatistics.StandardDeviation(late), late));
                    byKind[GanOptions.Name(kind)] = [.. results.Select(r => r.FrechetByEpoch)];
                    foreach (var (baseline, baselineLate) in lateByKind)
                    {
                        double[] difference = [.. late.Zip(baselineLate, (a, b) => a - b)];
                        pairs.Add(new GanBenchmarkPair(first.Data, GanOptions.Name(kind), baseline, [.. seeds], difference, difference.Average(), SampleStatistics.StandardDeviation(difference)));
                    }
                    lateByKind.Add((GanOptions.Name(kind), late));
                }
                curves[data] = byKind;
                if (runs is not null)
                    RunFolderText(Path.Combine(root, $"frechet-{ImageDatasets.ShortName(data)}.svg"),
                        GanFigures.FrechetByKind($"GAN on {ImageDatasets.ShortName(data)}: Fréchet distance per epoch, mean over seeds", byKind, floor));
            }
        }
        finally
        {
            try
            {
                if (runs is null && Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind costs disk space only.
            }
        }
        return new GanBenchmarkResult(rows, curves, pairs);
    }

    /// <summary>What a clash with a kept run suggests instead: another folder for <see cref="RunAsync"/>'s runs (the command line says it in flags).</summary>
    public const string RunsFolder = $"folder for {nameof(GanBenchmark)}.{nameof(RunAsync)}'s runs";

    /// <summary>Continues the run kept in <paramref name="directory"/> if it is this run, or starts it there.</summary>
    private static async Task<GanRunState> OpenOrCreateAsync(GanOptions options, string directory, ICircuitSource? circuits, CancellationToken cancellationToken)
    {
        if (!File.Exists(RunFolder.CheckpointPath(directory)))
            return await GanRunState.CreateAsync(options, directory, circuits, cancellationToken: cancellationToken).ConfigureAwait(false);
        var saved = GanCheckpoint.Read(directory).Header;
        // The epochs may differ (the run is extended); the data folder may have moved; everything else must match.
        static string Settings(GanOptions o) => JsonSerializer.Serialize(o with { Epochs = 0, DataDirectory = null, SampleEvery = 0 });
        if (Settings(saved.Options) != Settings(options))
            throw new GanException($"'{directory}' holds a different run ({saved.Options.Describe()}, seed {saved.Options.Seed}); use another {RunsFolder}.");
        if (saved.Epoch > options.Epochs)
            throw new GanException($"'{directory}' has already trained {saved.Epoch} epochs, more than the {options.Epochs} asked for; use another {RunsFolder} or {GanOptions.Setting(nameof(options.Epochs))} {saved.Epoch}.");
        return await GanRunState.ResumeAsync(directory, options.Epochs, circuits, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static void RunFolderText(string path, string text) => RunFolder.WriteAllTextAtomically(path, text);

    /// <summary>One status line per finished epoch.</summary>
    private sealed class EpochLines(Action<string> status, int epochs) : IGanObserver
    {
        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(GanEpoch epoch) => status(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  epoch {epoch.Epoch}/{epochs}: D loss {epoch.DiscriminatorLoss:F3}, G loss {epoch.GeneratorLoss:F3}, gate {epoch.Gate:F3}, {epoch.Seconds:F1} s, Fréchet {epoch.Frechet:F2}, coverage {epoch.Coverage:P0}"));
    }
}

using QSan.Data;
using QSan.Quantum.Qsann;
using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>One training of <see cref="FrameworkBenchmark"/>.</summary>
/// <param name="Round">1-based round; each round trains every framework once, in turn.</param>
/// <param name="Framework">What trained it.</param>
/// <param name="TrainSeconds">Minibatch steps and validation, start-up excluded (the run's <c>trainSeconds</c>).</param>
/// <param name="TestAccuracy">The selected epoch's test accuracy.</param>
/// <param name="Curve">Every epoch's metrics (the training curve).</param>
public sealed record FrameworkTiming(int Round, TrainingFramework Framework, double TrainSeconds, double TestAccuracy, IReadOnlyList<EpochMetrics> Curve);

/// <summary>
/// The same training (a dataset's paper preset, one seed) on QSan's own autograd and on TorchSharp, alternated round by
/// round so both see the same machine state: how much the TorchSharp host costs, measured side by side.
/// </summary>
/// <param name="circuits">QSANN's circuits.</param>
/// <param name="dataDirectory">Folder with the datasets' files, or null for <c>$QSAN_DATA</c> or the download cache.</param>
public sealed class FrameworkBenchmark(ICircuitSource circuits, string? dataDirectory = null)
{
    /// <summary>The frameworks compared, in the order each round runs them.</summary>
    public static IReadOnlyList<TrainingFramework> Frameworks { get; } = [TrainingFramework.QSan, TrainingFramework.TorchSharp];

    /// <summary>Trains <paramref name="dataset"/> <paramref name="rounds"/> times on every framework.</summary>
    public async Task<IReadOnlyList<FrameworkTiming>> RunAsync(string dataset = "yelp", int rounds = 3, int seed = 1, Action<FrameworkTiming>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        var scratch = Path.Combine(Path.GetTempPath(), "qsan-bench-frameworks-" + Guid.NewGuid().ToString("N"));
        var timings = new List<FrameworkTiming>();
        try
        {
            for (var round = 1; round <= rounds; round++)
                foreach (var framework in Frameworks)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var options = TrainingPresets.Paper(DataSpec.Named(dataset, dataDirectory), seed: seed) with { Framework = framework };
                    var state = await TrainingRunState.CreateAsync(options, Path.Combine(scratch, $"{round}-{framework}"), circuits, cancellationToken).ConfigureAwait(false);
                    var result = TrainingLoop.Run(state, null, cancellationToken);
                    var timing = new FrameworkTiming(round, framework, result.TrainSeconds, result.TestAccuracy, [.. state.History]);
                    timings.Add(timing);
                    progress?.Invoke(timing);
                }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        return timings;
    }

    /// <summary>Per round, the TorchSharp run's time over QSan's.</summary>
    public static IReadOnlyList<double> Ratios(IReadOnlyList<FrameworkTiming> timings) =>
        [.. timings.GroupBy(t => t.Round).Select(g => g.Single(t => t.Framework == TrainingFramework.TorchSharp).TrainSeconds / g.Single(t => t.Framework == TrainingFramework.QSan).TrainSeconds)];
}

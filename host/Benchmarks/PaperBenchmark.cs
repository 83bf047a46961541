using QSan.Model;
using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>
/// Runs the paper's table: every dataset × model × variant × seed trained exactly as <c>train</c> would (each run's
/// epoch chosen on its validation split, its test split scored once at the end), summarised into rows, and the best
/// variant per dataset and model marked by mean validation accuracy. Run folders go to a scratch directory that is
/// deleted afterwards.
/// </summary>
/// <param name="optionsFor">The training options of a run (the CLI builds them from the variant's <c>train</c> options).</param>
/// <param name="circuits">QSANN's circuits, shared by all runs.</param>
public sealed class PaperBenchmark(Func<PaperRunSpec, TrainingOptions> optionsFor, ICircuitSource? circuits)
{
    /// <summary>Trains every run of <paramref name="plan"/> and returns the rows in plan order.</summary>
    public async Task<IReadOnlyList<PaperRow>> RunAsync(PaperBenchmarkPlan plan, IPaperBenchmarkObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var runs = plan.Runs();
        // Check every variant's options before the first run, so a typo fails at once rather than an hour in.
        foreach (var run in runs) optionsFor(run).Validate();

        var scratch = Path.Combine(Path.GetTempPath(), "qsan-bench-paper-" + Guid.NewGuid().ToString("N"));
        var rows = new List<PaperRow>();
        try
        {
            var group = new List<TrainingResult>();
            for (var i = 0; i < runs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var run = runs[i];
                observer?.OnRunStarting(run, i, runs.Count);
                var result = await TrainAsync(run, Path.Combine(scratch, $"run{i}"), cancellationToken).ConfigureAwait(false);
                observer?.OnRunFinished(run, result);
                group.Add(result);
                var last = i + 1 == runs.Count || !SameRow(run, runs[i + 1]);
                if (!last) continue;
                var row = PaperRow.Summarise(run, group);
                rows.Add(row);
                observer?.OnRowFinished(row);
                group = [];
            }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        return PaperRow.MarkSelected(rows);
    }

    private async Task<TrainingResult> TrainAsync(PaperRunSpec run, string directory, CancellationToken cancellationToken)
    {
        var options = optionsFor(run);
        var session = await TrainingSession.CreateAsync(options, directory, options.Model.Kind == ModelKind.Qsann ? circuits : null, cancellationToken).ConfigureAwait(false);
        var result = Trainer.Run(session, null, cancellationToken);
        Directory.Delete(directory, recursive: true);
        return result;
    }

    private static bool SameRow(PaperRunSpec a, PaperRunSpec b) =>
        a.Dataset == b.Dataset && a.Model == b.Model && ReferenceEquals(a.Variant, b.Variant);
}

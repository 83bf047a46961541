using QSan.Quantum.Qsann;
using QSan.Data;
using QSan.Model;
using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>
/// Runs the paper's table: every dataset × model × variant × seed trained as <c>train</c> would, under the plan's
/// <see cref="PaperProtocol"/> (settings and epochs chosen on validation data carved from the training split, the test
/// split scored once by the final model), summarised into rows, with the best variant per dataset and model marked by
/// mean validation accuracy. Run folders go to a scratch directory that is deleted afterwards.
/// </summary>
/// <param name="circuits">QSANN's circuits, shared by all runs.</param>
/// <param name="epochs">Overrides every recipe's epoch count (quick checks), or null.</param>
/// <param name="dataDirectory">Folder with the datasets' files, or null for <c>$QSAN_DATA</c> or the download cache.</param>
/// <param name="quantumDirectory">The Q# project folder recorded in the runs' options, or null.</param>
/// <param name="framework">What trains the models: QSan's own autograd (the default) or TorchSharp.</param>
public sealed class PaperBenchmark(ICircuitSource? circuits, int? epochs = null, string? dataDirectory = null, string? quantumDirectory = null,
    TrainingFramework framework = TrainingFramework.QSan)
{
    /// <summary>
    /// The training options of one run: the paper's preset for its dataset, model and seed, changed by its recipe, then by
    /// <paramref name="epochs"/> and the folders — what <c>train --dataset D --model M --seed S &lt;recipe flags&gt;</c> runs.
    /// </summary>
    public static TrainingOptions OptionsFor(PaperRunSpec run, int? epochs = null, string? dataDirectory = null, string? quantumDirectory = null,
        TrainingFramework framework = TrainingFramework.QSan)
    {
        ArgumentNullException.ThrowIfNull(run);
        var options = run.Variant.Apply(TrainingPresets.Paper(DataSpec.Named(run.Dataset, dataDirectory), run.Model, run.Seed)) with { Framework = framework };
        if (epochs is { } e) options = options with { Epochs = e };
        if (quantumDirectory is not null) options = options with { QuantumDirectory = quantumDirectory };
        return options;
    }

    private TrainingOptions Options(PaperRunSpec run) => OptionsFor(run, epochs, dataDirectory, quantumDirectory, framework);

    /// <summary>Trains every run of <paramref name="plan"/> and returns the rows in plan order.</summary>
    public async Task<IReadOnlyList<PaperRow>> RunAsync(PaperBenchmarkPlan plan, IPaperBenchmarkObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var runs = plan.Runs();
        // Check every variant's options before the first run, so a typo fails at once rather than an hour in.
        foreach (var run in runs) Options(run).Validate();

        var scratch = Path.Combine(Path.GetTempPath(), "qsan-bench-paper-" + Guid.NewGuid().ToString("N"));
        var rows = new List<PaperRow>();
        try
        {
            var group = new List<PaperSeedResult>();
            for (var i = 0; i < runs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var run = runs[i];
                observer?.OnRunStarting(run, i, runs.Count);
                var options = Options(run);
                var folder = Path.Combine(scratch, $"run{i}");
                var result = ProtocolFor(plan, run.Dataset) == PaperProtocol.CrossValidation
                    ? await CrossValidateAsync(options, plan.Folds, folder, cancellationToken).ConfigureAwait(false)
                    : await HoldoutAsync(options, folder, cancellationToken).ConfigureAwait(false);
                observer?.OnRunFinished(run, result);
                group.Add(result);
                if (i + 1 < runs.Count && SameRow(run, runs[i + 1])) continue;
                var row = PaperRow.Summarise(run, ProtocolFor(plan, run.Dataset), group);
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

    /// <summary>The protocol a dataset's runs follow: the plan's, except that a dataset with its own validation split keeps it (holdout).</summary>
    public static PaperProtocol ProtocolFor(PaperBenchmarkPlan plan, string dataset)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return HasOwnValidation(dataset) ? PaperProtocol.Holdout : plan.Protocol;
    }

    /// <summary>Whether the dataset brings its own validation split (MC's dev set), which cross-validation leaves as it is.</summary>
    public static bool HasOwnValidation(string dataset) => DatasetCatalog.TryGet(dataset, out var info) && info.Validation is not null;

    private async Task<PaperSeedResult> HoldoutAsync(TrainingOptions options, string folder, CancellationToken cancellationToken)
    {
        var (state, result) = await TrainAsync(options, folder, cancellationToken).ConfigureAwait(false);
        return new PaperSeedResult(options.Seed, result.ValidationAccuracy, result.TestAccuracy, result.TrainAccuracy, result.Parameters,
            result.EmbeddingParameters, result.TrainSeconds, result.BestEpoch, 1);
    }

    /// <summary>
    /// K fold runs with every epoch validated (no early stopping, so the curves align); the epoch count with the best mean
    /// validation accuracy (lower mean validation loss on a tie) is refitted on the whole training split, which alone
    /// is scored on the test split. The folds' own test scores are never read.
    /// </summary>
    private async Task<PaperSeedResult> CrossValidateAsync(TrainingOptions options, int folds, string folder, CancellationToken cancellationToken)
    {
        var accuracy = new double[options.Epochs];
        var loss = new double[options.Epochs];
        var seconds = 0.0;
        for (var fold = 1; fold <= folds; fold++)
        {
            var foldOptions = options with { ValidationFolds = folds, ValidationFold = fold, Patience = 0 };
            var (state, result) = await TrainAsync(foldOptions, Path.Combine(folder, $"fold{fold}"), cancellationToken).ConfigureAwait(false);
            seconds += result.TrainSeconds;
            for (var e = 0; e < options.Epochs; e++)
            {
                accuracy[e] += state.History[e].ValidationAccuracy!.Value / folds;
                loss[e] += state.History[e].ValidationLoss!.Value / folds;
            }
        }
        var best = 0;
        for (var e = 1; e < options.Epochs; e++)
            if (accuracy[e] > accuracy[best] || (accuracy[e] == accuracy[best] && loss[e] < loss[best])) best = e;

        var refitOptions = options with { ValidationFraction = 0, ValidationFolds = 0, Epochs = best + 1, Patience = 0 };
        var (_, refit) = await TrainAsync(refitOptions, Path.Combine(folder, "refit"), cancellationToken).ConfigureAwait(false);
        return new PaperSeedResult(options.Seed, accuracy[best], refit.TestAccuracy, refit.TrainAccuracy, refit.Parameters,
            refit.EmbeddingParameters, seconds + refit.TrainSeconds, best + 1, folds + 1);
    }

    private async Task<(TrainingRunState State, TrainingResult Result)> TrainAsync(TrainingOptions options, string directory, CancellationToken cancellationToken)
    {
        var state = await TrainingRunState.CreateAsync(options, directory, options.Model.Kind == ModelKind.Qsann ? circuits : null, cancellationToken).ConfigureAwait(false);
        var result = TrainingLoop.Run(state, null, cancellationToken);
        Directory.Delete(directory, recursive: true);
        return (state, result);
    }

    private static bool SameRow(PaperRunSpec a, PaperRunSpec b) =>
        a.Dataset == b.Dataset && a.Model == b.Model && ReferenceEquals(a.Variant, b.Variant);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Benchmarks;
using QSan.Model;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>bench paper</c>: the QSANN paper's table — its five datasets, QSANN and CSANN, each variant over several seeds —
/// with test accuracy mean ± std, parameter count and training time; the variant with the best mean validation
/// accuracy per dataset and model is marked. Figures for BENCHMARKS.md, never asserted in tests.
/// </summary>
public static class BenchPaperCommand
{
    private static readonly PaperBenchmarkPlan Defaults = PaperBenchmarkPlan.Default;

    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var datasets = new Option<string[]>("--datasets")
        {
            Description = "Datasets (comma- or space-separated).", DefaultValueFactory = _ => [.. Defaults.Datasets], AllowMultipleArgumentsPerToken = true,
        };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per variant: runs with seeds 1..N.", DefaultValueFactory = _ => Defaults.Seeds.Count };
        var variants = new Option<string[]>("--variants")
        {
            Description = $"Named recipes (comma- or space-separated), or 'all'. Known: {string.Join(", ", TrainingRecipes.All.Select(v => v.Name))}.",
            DefaultValueFactory = _ => [.. Defaults.Variants.Select(v => v.Name)], AllowMultipleArgumentsPerToken = true,
        };
        var custom = new Option<string[]>("--custom")
        {
            Description = "An ad-hoc variant NAME=OPTIONS with train's options, e.g. 'slow=--lr 0.003 --epochs 40' (repeatable).", DefaultValueFactory = _ => [],
        };
        var protocol = new Option<string>("--protocol")
        {
            Description = "cv (K-fold cross-validation picks the epoch count, then a refit on the whole training split scores the test split) or holdout (as train: 20% validation, best epoch kept). MC keeps its own dev split either way.",
            DefaultValueFactory = _ => Defaults.Protocol == PaperProtocol.CrossValidation ? "cv" : "holdout",
        };
        protocol.AcceptOnlyFromAmong("holdout", "cv");
        var folds = new Option<int>("--folds") { Description = "K of --protocol cv.", DefaultValueFactory = _ => Defaults.Folds };
        var models = new Option<string[]>("--models") { Description = "qsann and/or csann.", DefaultValueFactory = _ => [.. Defaults.Models.Select(m => m.ToString().ToLowerInvariant())], AllowMultipleArgumentsPerToken = true };
        var epochs = new Option<int?>("--epochs") { Description = "Override every variant's epoch count (quick checks)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the datasets' files (default: $QSAN_DATA, else a download cache)." };
        var json = CommonOptions.Json();
        var markdown = new Option<bool>("--markdown") { Description = "Print the table as GitHub Markdown (for BENCHMARKS.md) instead of a console table." };
        var quantumDir = CommonOptions.QuantumDirectory();
        var framework = CommonOptions.Framework("qsan");
        var command = new Command("paper", "The paper's table: five datasets, QSANN (its sizes) and CSANN, several seeds; test accuracy mean ± std, parameters, training time.")
        {
            datasets, seeds, variants, custom, protocol, folds, models, epochs, dataDir, framework, json, markdown, quantumDir,
        };
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () =>
        {
            var plan = new PaperBenchmarkPlan(
                List(parse.GetValue(datasets)!).Select(d => d.ToLowerInvariant()).ToArray(),
                List(parse.GetValue(models)!).Select(ParseModel).ToArray(),
                [.. Variants(List(parse.GetValue(variants)!)), .. parse.GetValue(custom)!.Select(TrainCommand.ParseRecipe)],
                Seeds(parse.GetValue(seeds)), parse.GetValue(protocol) == "cv" ? PaperProtocol.CrossValidation : PaperProtocol.Holdout, parse.GetValue(folds));
            return RunAsync(context, plan, parse.GetValue(epochs), parse.GetValue(dataDir), parse.GetValue(quantumDir),
                CommonOptions.ParseFramework(parse.GetValue(framework)) ?? TrainingFramework.QSan, parse.GetValue(json), parse.GetValue(markdown), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, PaperBenchmarkPlan plan, int? epochs, string? dataDir, string? quantumDir, TrainingFramework framework,
        bool json, bool markdown, CancellationToken cancellationToken)
    {
        plan.Validate();
        // A typo in a variant fails here, before the header and the first run.
        foreach (var run in plan.Runs()) PaperBenchmark.OptionsFor(run, epochs, dataDir, quantumDir, framework).Validate();
        var circuits = plan.Models.Contains(ModelKind.Qsann) ? context.CircuitSource(quantumDir) : null;
        try
        {
            var benchmark = new PaperBenchmark(circuits, epochs, dataDir, quantumDir, framework);
            IReadOnlyList<PaperRow> rows;
            if (json)
            {
                rows = await benchmark.RunAsync(plan, new LineObserver(context.Error), cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { rows }, Json.Compact)).ConfigureAwait(false);
                return 0;
            }
            if (markdown)
            {
                rows = await benchmark.RunAsync(plan, new LineObserver(context.Error), cancellationToken).ConfigureAwait(false);
                await context.Output.WriteAsync(MarkdownTable(rows)).ConfigureAwait(false);
                return 0;
            }
            var console = context.Console;
            console.MarkupLine($"[bold]Paper benchmark[/]: {plan.Runs().Count} runs ({string.Join(", ", plan.Datasets)}; {string.Join(", ", plan.Variants.Select(v => v.Name))}; seeds {plan.Seeds[0]}..{plan.Seeds[^1]})");
            if (console.Profile.Capabilities.Interactive)
            {
                rows = [];
                await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask("starting", maxValue: plan.Runs().Count);
                        rows = await benchmark.RunAsync(plan, new ProgressObserver(task, console), cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            else
            {
                rows = await benchmark.RunAsync(plan, new LineObserver(context.Output), cancellationToken).ConfigureAwait(false);
            }
            WriteTables(console, rows, plan);
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    private static void WriteTables(IAnsiConsole console, IReadOnlyList<PaperRow> rows, PaperBenchmarkPlan plan)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Test accuracy, mean ± std over {plan.Seeds.Count} seed{(plan.Seeds.Count == 1 ? "" : "s")} (* = best mean validation accuracy of its dataset and model)");
        foreach (var (name, right) in new[] { ("dataset", false), ("model", false), ("variant", false), ("validation", true), ("test", true), ("paper", true), ("parameters", true), ("train s", true) })
            table.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        foreach (var r in rows)
        {
            table.AddRow(
                Markup.Escape(r.Dataset), r.Model, Markup.Escape(r.Variant) + (r.Selected ? " [green]*[/]" : ""),
                r.ValidationAccuracyMean is { } v ? PlusMinus(v, r.ValidationAccuracyStd ?? 0) : "–",
                $"[bold]{PlusMinus(r.TestAccuracyMean, r.TestAccuracyStd)}[/]",
                r.PaperAccuracy is { } p ? Percent(p) : "", r.Parameters.ToString(CultureInfo.InvariantCulture),
                r.TrainSeconds.ToString("0.00", CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    /// <summary>The rows as a GitHub Markdown table: accuracies in percent, mean ± sample std over seeds.</summary>
    public static string MarkdownTable(IReadOnlyList<PaperRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new System.Text.StringBuilder();
        text.AppendLine("| dataset | model | variant | protocol | validation % | test % | paper % | parameters | train s / seed | selected |");
        text.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in rows)
        {
            var validation = r.ValidationAccuracyMean is { } v ? PlusMinusPlain(v, r.ValidationAccuracyStd ?? 0) : "–";
            var test = PlusMinusPlain(r.TestAccuracyMean, r.TestAccuracyStd);
            var paper = r.PaperAccuracy is { } p ? (100 * p).ToString("0.00", CultureInfo.InvariantCulture) : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Dataset} | {r.Model} | {r.Variant} | {r.Protocol} | {validation} | {(r.Selected ? $"**{test}**" : test)} | {paper} | {r.Parameters} | {r.TrainSeconds:0.00} | {(r.Selected ? "✓" : "")} |");
        }
        return text.ToString();
    }

    private static string PlusMinusPlain(double mean, double std) =>
        $"{(100 * mean).ToString("0.00", CultureInfo.InvariantCulture)} ± {(100 * std).ToString("0.00", CultureInfo.InvariantCulture)}";

    private static string PlusMinus(double mean, double std) => $"{Percent(mean)} ± {(100 * std).ToString("0.00", CultureInfo.InvariantCulture)}";

    private static string Percent(double value) => (100 * value).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string[] List(string[] values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static IEnumerable<TrainingRecipe> Variants(string[] names) =>
        names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)) ? TrainingRecipes.All : names.Select(TrainingRecipes.Get);

    private static ModelKind ParseModel(string name) => name.ToLowerInvariant() switch
    {
        "qsann" => ModelKind.Qsann,
        "csann" => ModelKind.Csann,
        _ => throw new ArgumentException($"Unknown model '{name}': use qsann or csann."),
    };

    private static int[] Seeds(int count) =>
        count >= 1 ? [.. Enumerable.Range(1, count)] : throw new ArgumentException($"--seeds must be at least 1; got {count}.");

    private static string Describe(PaperRunSpec run) => $"{run.Dataset} {run.Model.ToString().ToLowerInvariant()} {run.Variant.Name} seed {run.Seed}";

    private static string Describe(PaperRow r) =>
        $"{r.Dataset} {r.Model} {r.Variant}: validation {(r.ValidationAccuracyMean is { } v ? PlusMinus(v, r.ValidationAccuracyStd ?? 0) : "–")}, "
        + $"test {PlusMinus(r.TestAccuracyMean, r.TestAccuracyStd)}, {r.Parameters} parameters, {r.TrainSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s training per seed" + (r.RunsPerSeed > 1 ? $" ({r.RunsPerSeed} runs)" : "");

    /// <summary>A plain line per finished row (for logs, pipes and <c>--json</c>'s standard error).</summary>
    private sealed class LineObserver(TextWriter writer) : IPaperBenchmarkObserver
    {
        public void OnRunStarting(PaperRunSpec run, int index, int total) { }

        public void OnRunFinished(PaperRunSpec run, PaperSeedResult result) { }

        public void OnRowFinished(PaperRow row) => writer.WriteLine(Describe(row));
    }

    /// <summary>Advances the progress bar per run and prints each finished row above it.</summary>
    private sealed class ProgressObserver(ProgressTask task, IAnsiConsole console) : IPaperBenchmarkObserver
    {
        public void OnRunStarting(PaperRunSpec run, int index, int total) => task.Description = Markup.Escape($"{Describe(run)} ({index + 1}/{total})");

        public void OnRunFinished(PaperRunSpec run, PaperSeedResult result) => task.Increment(1);

        public void OnRowFinished(PaperRow row) => console.MarkupLine("  " + Markup.Escape(Describe(row)));
    }
}

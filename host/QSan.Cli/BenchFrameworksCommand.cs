using System.CommandLine;
using System.Text.Json;
using QSan.Benchmarks;
using QSan.Experiments;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>bench frameworks</c>: the same QSANN training on QSan's own autograd and on TorchSharp, alternated round by round;
/// times, test accuracies, the ratio and both curves. Figures for BENCHMARKS.md, never asserted in tests.
/// </summary>
public static class BenchFrameworksCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataset = new Option<string>("--dataset", "-d") { Description = "The dataset (its paper preset: n = 4, D = 1, 20 epochs for the review sets).", DefaultValueFactory = _ => "yelp" };
        var rounds = new Option<int>("--rounds") { Description = "Rounds; each trains on QSan, then on TorchSharp.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed", "-s") { Description = "The runs' seed.", DefaultValueFactory = _ => 1 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the datasets' files (default: $QSAN_DATA, else a download cache)." };
        var plotDir = new Option<string?>("--plot-dir") { Description = "Folder for the chart bench-frameworks-<dataset>.svg (default: the current folder)." };
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("frameworks", "QSANN training on QSan's own autograd and on TorchSharp, side by side: seconds, test accuracy, ratio, curves.")
        {
            dataset, rounds, seed, dataDir, plotDir, json, quantumDir,
        };
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () => RunAsync(context, parse.GetValue(dataset)!.ToLowerInvariant(),
            parse.GetValue(rounds), parse.GetValue(seed), parse.GetValue(dataDir), parse.GetValue(plotDir), parse.GetValue(quantumDir), parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string dataset, int rounds, int seed, string? dataDir, string? plotDir, string? quantumDir, bool json,
        CancellationToken cancellationToken)
    {
        if (rounds < 1) throw new ArgumentException($"--rounds must be at least 1; got {rounds}.");
        var circuits = context.CircuitSource(quantumDir);
        try
        {
            var before = MachineDescription.Now();
            var log = json ? context.Error : context.Output;
            var timings = await new FrameworkBenchmark(circuits, dataDir).RunAsync(dataset, rounds, seed,
                t => log.WriteLine($"round {t.Round}, {Name(t.Framework)}: {t.TrainSeconds:F3} s, test accuracy {t.TestAccuracy:P1}"), cancellationToken).ConfigureAwait(false);
            var after = MachineDescription.Now();
            var ratios = FrameworkBenchmark.Ratios(timings);
            var median = ratios.Order().ElementAt(ratios.Count / 2);
            var path = Path.Combine(plotDir ?? ".", FrameworkFigures.FileName(dataset));
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(path, FrameworkFigures.Chart(timings, dataset), cancellationToken).ConfigureAwait(false);
            if (json)
            {
                var rows = timings.Select(t => new { t.Round, Framework = Name(t.Framework), t.TrainSeconds, t.TestAccuracy, FinalTrainLoss = t.Curve[^1].TrainLoss });
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { dataset, seed, machineBefore = before, machineAfter = after, rows, ratios, medianRatio = median, chart = path }, Json.Compact))
                    .ConfigureAwait(false);
                return 0;
            }
            var table = new Table().Title($"QSANN on {dataset}, seed {seed}: training seconds (start-up excluded)").AddColumns("round", "QSan", "TorchSharp", "TorchSharp / QSan", "test accuracy (QSan, TorchSharp)");
            foreach (var round in timings.GroupBy(t => t.Round))
            {
                var own = round.Single(t => t.Framework == TrainingFramework.QSan);
                var torch = round.Single(t => t.Framework == TrainingFramework.TorchSharp);
                table.AddRow($"{round.Key}", $"{own.TrainSeconds:F3}", $"{torch.TrainSeconds:F3}", $"{torch.TrainSeconds / own.TrainSeconds:F2}×", $"{own.TestAccuracy:P1}, {torch.TestAccuracy:P1}");
            }
            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"median TorchSharp / QSan: {median:F2}×");
            context.Console.MarkupLineInterpolated($"machine: before {before}; after {after}");
            context.Console.MarkupLineInterpolated($"chart: {path}");
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    private static string Name(TrainingFramework framework) => framework == TrainingFramework.QSan ? "qsan" : "torchsharp";
}

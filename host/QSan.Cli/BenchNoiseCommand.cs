using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Benchmarks;
using QSan.Experiments;
using QSan.Quantum.Noise;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>bench noise</c>: the paper's robustness study — QSANN trained noiselessly, scored under each channel at a ladder of
/// strengths, and trained under depolarizing noise; a table (or <c>--json</c>) and one chart per dataset. Figures for
/// BENCHMARKS.md, never asserted in tests.
/// </summary>
public static class BenchNoiseCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var d = NoiseBenchmarkPlan.Default;
        static string Numbers(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("G", CultureInfo.InvariantCulture)));
        var datasets = new Option<string[]>("--datasets") { Description = "Datasets (comma- or space-separated).", DefaultValueFactory = _ => [.. d.Datasets], AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per dataset: 1..N.", DefaultValueFactory = _ => d.Seeds.Count };
        var channels = new Option<string[]>("--channels")
        {
            Description = "Channels (depolarizing, amplitude-damping, phase-damping, bit-flip, phase-flip).", DefaultValueFactory = _ => [.. d.Channels.Select(NoiseChannel.KindName)], AllowMultipleArgumentsPerToken = true,
        };
        var strengths = new Option<string>("--strengths") { Description = "The ladder of strengths, comma-separated.", DefaultValueFactory = _ => Numbers(d.Strengths) };
        var trainStrengths = new Option<string>("--train-strengths") { Description = "Depolarizing strengths to also train under, comma-separated ('' for none).", DefaultValueFactory = _ => Numbers(d.TrainingStrengths) };
        var epochs = new Option<int?>("--epochs") { Description = "Override the presets' epoch counts (quick checks)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the datasets' files (default: $QSAN_DATA, else a download cache)." };
        var plotDir = new Option<string?>("--plot-dir") { Description = "Folder for the charts bench-noise-<dataset>.svg (default: the current folder)." };
        var json = CommonOptions.Json();
        var quantumDir = CommonOptions.QuantumDirectory();
        var command = new Command("noise", "The robustness study: test accuracy of QSANN under each noise channel at a ladder of strengths, trained noiselessly and under noise.")
        {
            datasets, seeds, channels, strengths, trainStrengths, epochs, dataDir, plotDir, json, quantumDir,
        };
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () =>
        {
            var plan = new NoiseBenchmarkPlan(
                [.. List(parse.GetValue(datasets)!).Select(x => x.ToLowerInvariant())],
                parse.GetValue(seeds) >= 1 ? [.. Enumerable.Range(1, parse.GetValue(seeds))] : throw new ArgumentException($"--seeds must be at least 1; got {parse.GetValue(seeds)}."),
                [.. List(parse.GetValue(channels)!).Select(c => NoiseChannel.KindOf(c) ?? throw new NoiseException($"Unknown noise channel '{c}': use depolarizing, amplitude-damping, phase-damping, bit-flip or phase-flip."))],
                Doubles(parse.GetValue(strengths)!), Doubles(parse.GetValue(trainStrengths)!), parse.GetValue(epochs), parse.GetValue(dataDir));
            return RunAsync(context, plan.Validate(), parse.GetValue(plotDir), parse.GetValue(quantumDir), parse.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, NoiseBenchmarkPlan plan, string? plotDir, string? quantumDir, bool json, CancellationToken cancellationToken)
    {
        var circuits = context.CircuitSource(quantumDir);
        try
        {
            var log = json ? context.Error : context.Output;
            var (rows, seconds) = await new NoiseBenchmark(circuits).RunAsync(plan, line => log.WriteLine(line), cancellationToken).ConfigureAwait(false);
            var written = new List<string>();
            foreach (var dataset in plan.Datasets)
            {
                var path = Path.Combine(plotDir ?? ".", NoiseFigures.FileName(dataset));
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(path, NoiseFigures.Chart(rows, dataset), cancellationToken).ConfigureAwait(false);
                written.Add(path);
            }
            if (json)
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { rows, seconds }, Json.Compact)).ConfigureAwait(false);
                return 0;
            }
            var table = new Table().Title($"QSANN test accuracy under noise after every gate (mean ± std over {plan.Seeds.Count} seeds, {seconds:F0} s)")
                .AddColumns("dataset", "channel", "strength", "trained under noise", "test accuracy");
            foreach (var r in rows.OrderBy(r => r.Dataset).ThenBy(r => r.TrainedUnderNoise).ThenBy(r => r.Channel).ThenBy(r => r.Strength))
                table.AddRow(r.Dataset, r.Channel, r.Strength.ToString("G3", CultureInfo.InvariantCulture), r.TrainedUnderNoise ? "yes" : "no",
                    $"{r.TestAccuracyMean:P1} ± {r.TestAccuracyStd:P1}");
            context.Console.Write(table);
            foreach (var path in written) context.Console.MarkupLineInterpolated($"chart: {path}");
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    private static string[] List(string[] values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static double[] Doubles(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw new ArgumentException($"'{v}' is not a number."))];
}

using System.Globalization;
using QSan.Benchmarks;
using QSan.Visualization;

namespace QSan.Experiments;

/// <summary>The study's figures: test accuracy against noise strength, one line per channel, one chart per dataset.</summary>
public static class NoiseFigures
{
    /// <summary>The file the command line writes the figure of a dataset to, in the current folder: <c>bench-noise-&lt;dataset&gt;.svg</c>.</summary>
    public static string FileName(string dataset) => $"bench-noise-{dataset}.svg";

    /// <summary>The chart of one dataset: noiselessly trained models under each channel, and (dashed) models trained under depolarizing noise.</summary>
    public static string Chart(IReadOnlyList<NoiseRow> rows, string dataset)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var mine = rows.Where(r => r.Dataset == dataset).ToList();
        var strengths = mine.Select(r => r.Strength).Distinct().Order().ToList();
        var series = new List<LineSeries>();
        foreach (var group in mine.GroupBy(r => (r.Channel, r.TrainedUnderNoise)).OrderBy(g => g.Key.TrainedUnderNoise))
        {
            var byStrength = group.ToDictionary(r => r.Strength);
            series.Add(new LineSeries(
                group.Key.TrainedUnderNoise ? $"{group.Key.Channel}, trained under it" : group.Key.Channel,
                [.. strengths.Select(p => byStrength.TryGetValue(p, out var r) ? r.TestAccuracyMean : (double?)null)],
                [.. strengths.Select(p => byStrength.TryGetValue(p, out var r) ? r.TestAccuracyStd : 0)],
                Dashed: group.Key.TrainedUnderNoise));
        }
        var seeds = mine.Count == 0 ? 0 : mine.Max(r => r.Seeds);
        return LineChartSvg.Render($"QSANN on {dataset} under noise after every gate ({seeds} seeds)", "noise strength (probability per gate and qubit)",
            "test accuracy", [.. strengths.Select(p => p.ToString("G3", CultureInfo.InvariantCulture))], series);
    }
}

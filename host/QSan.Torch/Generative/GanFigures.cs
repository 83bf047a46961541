using System.Globalization;
using QSan.Benchmarks;
using QSan.Generative;
using QSan.Visualization;

namespace QSan.Torch.Generative;

/// <summary>The GAN's figures: the Fréchet distance against epoch, for one run and per attention kind.</summary>
public static class GanFigures
{
    /// <summary>One run's Fréchet distance after each epoch, with the real-vs-real floor dashed.</summary>
    public static string FrechetCurve(GanRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var curve = state.History.Select(h => (double?)h.Frechet).ToList();
        var floor = GanEvaluation.Floor(state.Classifier, state.Data.Test);
        return Chart($"{state.Options.Describe()}, seed {state.Options.Seed}", [new LineSeries("Fréchet distance", curve),
            new LineSeries("real vs real", [.. curve.Select(_ => (double?)floor)], Dashed: true)]);
    }

    /// <summary>
    /// The Fréchet distance against epoch per attention kind: the mean over seeds (error bars: their standard deviation);
    /// <paramref name="curves"/> maps each kind's name to one curve per seed (shorter curves end early).
    /// </summary>
    public static string FrechetByKind(string title, IReadOnlyDictionary<string, IReadOnlyList<double[]>> curves, double? floor = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var series = new List<LineSeries>();
        var length = curves.Values.SelectMany(c => c).Select(c => c.Length).DefaultIfEmpty(0).Max();
        foreach (var (kind, seeds) in curves)
        {
            var means = new double?[length];
            var errors = new double[length];
            for (var e = 0; e < length; e++)
            {
                var values = seeds.Where(c => c.Length > e).Select(c => c[e]).ToList();
                if (values.Count == 0) continue;
                means[e] = values.Average();
                errors[e] = SampleStatistics.StandardDeviation(values);
            }
            series.Add(new LineSeries(seeds.Count == 1 ? $"{kind} (1 seed)" : $"{kind} ({seeds.Count} seeds)", means, errors));
        }
        if (floor is { } f) series.Add(new LineSeries("real vs real", [.. Enumerable.Repeat((double?)f, length)], Dashed: true));
        return Chart(title, series);
    }

    private static string Chart(string title, IReadOnlyList<LineSeries> series)
    {
        var length = series.Max(s => s.Values.Count);
        if (length == 0) throw new ArgumentException("A Fréchet curve needs at least one epoch.", nameof(series));
        // Labels every 5 epochs (and the first); the axis stops at three times the median of the last values, so the first
        // epochs' large distances do not flatten the rest (they are drawn at the top edge).
        var labels = Enumerable.Range(1, length).Select(e => e == 1 || e % 5 == 0 ? e.ToString(CultureInfo.InvariantCulture) : "").ToList();
        var all = series.SelectMany(s => s.Values).OfType<double>().Where(double.IsFinite).ToList();
        var last = series.Select(s => s.Values.LastOrDefault(v => v is not null)).OfType<double>().Order().ToList();
        var top = all.Count == 0 ? 1 : Math.Min(all.Max(), 3 * (last.Count > 0 ? last[last.Count / 2] : all.Max()));
        return LineChartSvg.Render(title, "epoch", "Fréchet distance (domain classifier)", labels, series, 0, NiceCeiling(Math.Max(top, 1e-3)),
            step: Math.Clamp(600.0 / Math.Max(1, length - 1), 8, 80));
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
            if (m * magnitude >= value) return m * magnitude;
        return 10 * magnitude;
    }
}

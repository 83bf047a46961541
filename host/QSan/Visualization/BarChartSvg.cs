namespace QSan.Visualization;

/// <summary>One series of a grouped bar chart: a value (and optionally a ± error) per category.</summary>
/// <param name="Name">The legend's label.</param>
/// <param name="Values">One value per category; null leaves the bar out.</param>
/// <param name="Errors">One ± error per category (e.g. a standard deviation over seeds), or null for none.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double?> Values, IReadOnlyList<double>? Errors = null);

/// <summary>A grouped bar chart as SVG: one group per category, one coloured bar per series, error bars where given.</summary>
public static class BarChartSvg
{
    private const double Margin = 60;
    private const double PlotHeight = 260;
    private const double BarWidth = 22;
    private const double GroupGap = 26;
    private static readonly string[] Colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    /// <summary>Renders the chart.</summary>
    /// <param name="title">The heading.</param>
    /// <param name="yLabel">What the values are, e.g. "test accuracy".</param>
    /// <param name="categories">The groups' labels, left to right.</param>
    /// <param name="series">The bars of each group, in legend order.</param>
    /// <param name="yMin">The axis's lower end.</param>
    /// <param name="yMax">The axis's upper end.</param>
    public static string Render(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, double yMin = 0, double yMax = 1)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("A bar chart needs at least one series.", nameof(series));
        foreach (var s in series)
            if (s.Values.Count != categories.Count || (s.Errors is { } e && e.Count != categories.Count))
                throw new ArgumentException($"The series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
        if (!(yMax > yMin)) throw new ArgumentException($"The axis needs yMax > yMin; got {yMin}..{yMax}.");

        var groupWidth = series.Count * BarWidth + GroupGap;
        var plotWidth = Math.Max(categories.Count * groupWidth, 240);
        var legendWidth = series.Max(s => s.Name.Length) * 7.5 + 40;
        // Wide enough for the title (at ~9 px per character of 16 px text), the plot and the legend.
        var width = Math.Max(2 * Margin + plotWidth + legendWidth, title.Length * 9 + 2 * Margin);
        var height = PlotHeight + 2 * Margin + 30;
        var top = Margin + 20;
        double Y(double value) => top + PlotHeight * (1 - (Math.Clamp(value, yMin, yMax) - yMin) / (yMax - yMin));

        using var svg = new Svg(width, height, title);
        svg.Text(width / 2, 24, title, 16, "middle", weight: "bold");
        svg.BeginGroup("axes");
        svg.ValueAxes(Margin, top, plotWidth, PlotHeight, yMin, yMax, yLabel, Y);
        svg.EndGroup();

        for (var c = 0; c < categories.Count; c++)
        {
            svg.BeginGroup("category");
            var left = Margin + GroupGap / 2 + c * groupWidth;
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[c] is not { } value) continue;
                var x = left + s * BarWidth;
                svg.Rect(x, Y(value), BarWidth - 2, top + PlotHeight - Y(value), Colours[s % Colours.Length], tooltip: $"{series[s].Name}, {categories[c]}: {Svg.Number(value)}");
                if (series[s].Errors is { } errors && errors[c] > 0)
                {
                    var middle = x + (BarWidth - 2) / 2;
                    svg.Line(middle, Y(value - errors[c]), middle, Y(value + errors[c]), "#222", 1.2);
                    svg.Line(middle - 4, Y(value + errors[c]), middle + 4, Y(value + errors[c]), "#222", 1.2);
                    svg.Line(middle - 4, Y(value - errors[c]), middle + 4, Y(value - errors[c]), "#222", 1.2);
                }
            }
            svg.Text(left + series.Count * BarWidth / 2, top + PlotHeight + 18, categories[c], 12, "middle");
            svg.EndGroup();
        }

        svg.BeginGroup("legend");
        for (var s = 0; s < series.Count; s++)
        {
            var y = top + 10 + s * 20;
            svg.Rect(Margin + plotWidth + 20, y - 10, 12, 12, Colours[s % Colours.Length]);
            svg.Text(Margin + plotWidth + 38, y, series[s].Name, 12);
        }
        svg.EndGroup();
        return svg.Finish();
    }
}

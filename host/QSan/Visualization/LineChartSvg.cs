namespace QSan.Visualization;

/// <summary>One line of a line chart: a value (and optionally a ± error) per x position; null leaves a gap.</summary>
/// <param name="Name">The legend's label.</param>
/// <param name="Values">One value per x position.</param>
/// <param name="Errors">One ± error per position (e.g. a standard deviation over seeds), or null for none.</param>
/// <param name="Dashed">Whether the line is dashed (e.g. a variant of another line).</param>
public sealed record LineSeries(string Name, IReadOnlyList<double?> Values, IReadOnlyList<double>? Errors = null, bool Dashed = false);

/// <summary>
/// A line chart as SVG over evenly spaced, labelled x positions (a ladder of settings such as noise strengths 0, 10⁻³,
/// …, which a logarithmic axis could not show with its 0): a coloured line with dots per series, error bars where given.
/// </summary>
public static class LineChartSvg
{
    private const double Margin = 60;
    private const double PlotHeight = 260;
    private const double Step = 80;
    private static readonly string[] Colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>Renders the chart.</summary>
    /// <param name="title">The heading.</param>
    /// <param name="xLabel">What the x positions are, e.g. "noise strength p".</param>
    /// <param name="yLabel">What the values are, e.g. "test accuracy".</param>
    /// <param name="positions">The x positions' labels, left to right.</param>
    /// <param name="series">The lines, in legend order.</param>
    /// <param name="yMin">The axis's lower end.</param>
    /// <param name="yMax">The axis's upper end.</param>
    /// <param name="step">Pixels between neighbouring x positions (many positions, such as epochs, want fewer than the default 80; an empty label is not drawn).</param>
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<string> positions, IReadOnlyList<LineSeries> series, double yMin = 0, double yMax = 1,
        double step = Step)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("A line chart needs at least one series.", nameof(series));
        foreach (var s in series)
            if (s.Values.Count != positions.Count || (s.Errors is { } e && e.Count != positions.Count))
                throw new ArgumentException($"The series '{s.Name}' has {s.Values.Count} values for {positions.Count} positions.", nameof(series));
        if (!(yMax > yMin)) throw new ArgumentException($"The axis needs yMax > yMin; got {yMin}..{yMax}.");
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "The positions need a positive spacing.");

        var plotWidth = Math.Max((positions.Count - 1) * step + 40, 240);
        var legendWidth = series.Max(s => s.Name.Length) * 7.5 + 50;
        var width = Math.Max(2 * Margin + plotWidth + legendWidth, title.Length * 9 + 2 * Margin);
        var height = PlotHeight + 2 * Margin + 40;
        var top = Margin + 20;
        double X(int i) => Margin + 20 + i * step;
        double Y(double value) => top + PlotHeight * (1 - (Math.Clamp(value, yMin, yMax) - yMin) / (yMax - yMin));

        using var svg = new Svg(width, height, title);
        svg.Text(width / 2, 24, title, 16, "middle", weight: "bold");
        svg.BeginGroup("axes");
        svg.ValueAxes(Margin, top, plotWidth, PlotHeight, yMin, yMax, yLabel, Y);
        for (var i = 0; i < positions.Count; i++)
            if (positions[i].Length > 0) svg.Text(X(i), top + PlotHeight + 18, positions[i], 11, "middle");
        svg.Text(Margin + plotWidth / 2, top + PlotHeight + 40, xLabel, 12, "middle");
        svg.EndGroup();

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            svg.BeginGroup("series");
            var run = new List<(double X, double Y)>();
            void Flush()
            {
                if (run.Count > 1) svg.Polyline([.. run], colour, 2, series[s].Dashed ? "6 4" : null);
                run.Clear();
            }
            for (var i = 0; i < positions.Count; i++)
            {
                if (series[s].Values[i] is not { } value) { Flush(); continue; }
                run.Add((X(i), Y(value)));
                if (series[s].Errors is { } errors && errors[i] > 0)
                    svg.Line(X(i), Y(value - errors[i]), X(i), Y(value + errors[i]), colour, 1);
                svg.Circle(X(i), Y(value), 3.5, colour, tooltip: $"{series[s].Name}, {positions[i]}: {Svg.Number(value)}");
            }
            Flush();
            svg.EndGroup();
        }

        svg.BeginGroup("legend");
        for (var s = 0; s < series.Count; s++)
        {
            var y = top + 10 + s * 20;
            svg.Line(Margin + plotWidth + 20, y - 4, Margin + plotWidth + 40, y - 4, Colours[s % Colours.Length], 2, series[s].Dashed ? "6 4" : null);
            svg.Text(Margin + plotWidth + 46, y, series[s].Name, 12);
        }
        svg.EndGroup();
        return svg.Finish();
    }
}

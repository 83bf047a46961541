using System.Xml.Linq;
using QSan.Benchmarks;
using QSan.Experiments;
using QSan.Visualization;

namespace QSan.Tests.Visualization;

public sealed class LineChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_line_chart_draws_one_polyline_per_unbroken_run_and_a_dot_per_value()
    {
        var document = XDocument.Parse(LineChartSvg.Render("noise", "p", "accuracy", ["0", "0.01", "0.1"],
        [
            new LineSeries("depolarizing", [1.0, 0.9, 0.6]),
            new LineSeries("trained under it", [null, 0.95, 0.8], Dashed: true),
        ]));
        var series = document.Root!.Elements(Svg + "g").Where(g => g.Attribute("class")?.Value == "series").ToList();
        Assert.Equal(2, series.Count);
        Assert.Equal([3, 2], series.Select(s => s.Elements(Svg + "circle").Count()));
        Assert.Equal([1, 1], series.Select(s => s.Elements(Svg + "polyline").Count()));
    }

    [Fact]
    public void Many_positions_take_a_narrower_step_and_empty_labels_are_not_drawn()
    {
        var labels = Enumerable.Range(1, 50).Select(e => e % 10 == 0 ? e.ToString(System.Globalization.CultureInfo.InvariantCulture) : "").ToList();
        var values = Enumerable.Range(1, 50).Select(e => (double?)(100.0 / e)).ToList();
        var document = XDocument.Parse(LineChartSvg.Render("FD", "epoch", "Fréchet distance", labels, [new LineSeries("quantum", values)], 0, 100, step: 10));
        var dots = document.Descendants(Svg + "circle").Select(c => double.Parse(c.Attribute("cx")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(10, dots[1] - dots[0], 9);
        var axisLabels = document.Root!.Elements(Svg + "g").Single(g => g.Attribute("class")?.Value == "axes").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("50", axisLabels);
        Assert.DoesNotContain("", axisLabels);
        Assert.Throws<ArgumentOutOfRangeException>(() => LineChartSvg.Render("t", "x", "y", ["a"], [new LineSeries("s", [1.0])], step: 0));
    }

    [Fact]
    public void A_series_of_the_wrong_length_is_refused() =>
        Assert.Throws<ArgumentException>(() => LineChartSvg.Render("t", "x", "y", ["a", "b"], [new LineSeries("s", [1.0])]));

    [Fact]
    public void The_noise_study_chart_has_a_line_per_channel_and_a_dashed_one_for_noise_aware_training()
    {
        NoiseRow[] rows =
        [
            new("mc", "depolarizing", 0, false, 1, 0, 3), new("mc", "depolarizing", 0.1, false, 0.8, 0.05, 3),
            new("mc", "amplitude-damping", 0, false, 1, 0, 3), new("mc", "amplitude-damping", 0.1, false, 0.7, 0.1, 3),
            new("mc", "depolarizing", 0.1, true, 0.9, 0.02, 3), new("yelp", "depolarizing", 0, false, 0.8, 0, 3),
        ];
        var document = XDocument.Parse(NoiseFigures.Chart(rows, "mc"));
        var legend = document.Root!.Elements(Svg + "g").Single(g => g.Attribute("class")?.Value == "legend");
        Assert.Equal(["depolarizing", "amplitude-damping", "depolarizing, trained under it"],
            legend.Elements(Svg + "text").Select(t => t.Value).OrderBy(t => t.Contains("trained", StringComparison.Ordinal)).ThenByDescending(t => t.StartsWith('d')));
    }
}

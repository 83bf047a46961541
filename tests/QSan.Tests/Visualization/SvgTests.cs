using System.Xml.Linq;
using QSan.Tests.Data;
using QSan.Tests.Training;
using QSan.Experiments;
using QSan.Training;
using QSan.Visualization;

namespace QSan.Tests.Visualization;

public sealed class SvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly CurvePoint[] History =
    [
        new(1, 0.25, 0.5, 0.24, 0.55),
        new(2, 0.20, 0.7, 0.21, 0.75),
        new(3, 0.15, 0.9, 0.22, 0.70),
    ];

    [Fact]
    public void The_training_curve_is_well_formed_SVG_with_a_loss_and_an_accuracy_panel_of_two_curves_each()
    {
        var document = XDocument.Parse(TrainingCurveSvg.Render(History, 2, "yelp <QSANN> & friends"));
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal("yelp <QSANN> & friends", document.Root.Element(Svg + "title")!.Value);
        var panels = document.Root.Elements(Svg + "g").ToList();
        Assert.Equal(["loss", "accuracy"], panels.Select(p => p.Attribute("class")!.Value));
        foreach (var panel in panels)
        {
            var curves = panel.Elements(Svg + "polyline").ToList();
            Assert.Equal(2, curves.Count);
            Assert.All(curves, c => Assert.Equal(3, c.Attribute("points")!.Value.Split(' ').Length));
            Assert.Equal(6, panel.Elements(Svg + "circle").Count());
        }
    }

    [Fact]
    public void The_training_curve_of_a_run_without_validation_has_one_curve_per_panel()
    {
        var history = History.Select(m => m with { ValidationLoss = null, ValidationAccuracy = null }).ToArray();
        var document = XDocument.Parse(TrainingCurveSvg.Render(history, 0, "no validation"));
        foreach (var panel in document.Root!.Elements(Svg + "g"))
            Assert.Single(panel.Elements(Svg + "polyline"));
    }

    [Fact]
    public void The_attention_heatmap_has_a_cell_per_token_pair_with_its_weight_and_escaped_labels()
    {
        var weights = new double[,] { { 0.5, 0.25, 0.25 }, { 0.1, 0.8, 0.1 }, { 1.0 / 3, 1.0 / 3, 1.0 / 3 } };
        var heatmap = new AttentionHeatmap("“a <b> & c” p = 0.9", "layer 1, head 1", ["a", "<b>", "&c"], weights);
        var document = XDocument.Parse(AttentionHeatmapSvg.Render([heatmap, heatmap with { Subtitle = "layer 2, head 1" }], "attention"));
        var panels = document.Root!.Elements(Svg + "g").Where(g => g.Attribute("class")?.Value == "heatmap").ToList();
        Assert.Equal(2, panels.Count);
        var cells = panels[0].Elements(Svg + "rect").ToList();
        Assert.Equal(9, cells.Count);
        Assert.Equal("<b> → <b>: 0.800", cells[4].Element(Svg + "title")!.Value);
        // The strongest weight is the darkest cell.
        Assert.Equal(cells.MinBy(c => c.Attribute("fill")!.Value), cells[4]);
        Assert.Contains(panels[0].Elements(Svg + "text"), t => t.Value == "&c");
    }

    [Fact]
    public async Task A_runs_figures_are_well_formed_SVG_with_a_heatmap_per_chosen_test_sentence()
    {
        using var folder = new TemporaryDirectory();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 2), folder.Path);
        var curve = XDocument.Load(Path.Combine(folder.Path, RunFolder.TrainingCurveFileName));
        Assert.Equal(2, curve.Root!.Elements(Svg + "g").Count());
        var attention = XDocument.Load(Path.Combine(folder.Path, RunFolder.AttentionFileName));
        var panels = attention.Root!.Elements(Svg + "g").ToList();
        Assert.Equal(RunFigures.HeatmapSentences, panels.Count);
        foreach (var panel in panels)
        {
            var tokens = panel.Elements(Svg + "text").Count() - 2;
            Assert.Equal(tokens / 2 * (tokens / 2), panel.Elements(Svg + "rect").Count());
        }
    }
}

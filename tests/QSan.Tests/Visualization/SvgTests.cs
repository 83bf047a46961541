using System.Globalization;
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
    public void Long_titles_of_the_attention_heatmap_widen_the_picture_or_wrap_and_are_never_cut_at_its_edge()
    {
        var weights = new double[,] { { 0.5, 0.5 }, { 0.5, 0.5 } };
        // A panel heading as RunFigures writes it (an 80-character sentence), and a document title too long for any width.
        var heading = $"“{new string('w', 10)} {string.Join(' ', Enumerable.Repeat("Amazing WORKMANSHIP", 3))} and more words here” p = 0.123, label 1";
        var title = "Attention on test sentences — " + string.Join(' ', Enumerable.Repeat("/data/Some Very Long Folder Name/with many words", 8));
        var svg = AttentionHeatmapSvg.Render([new AttentionHeatmap(heading, "layer 1, head 1; rows attend to columns; ? = unknown word", ["a", "b"], weights)], title);
        var document = XDocument.Parse(svg);
        var width = double.Parse(document.Root!.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        Assert.True(width > 480, "The picture widens for its panel heading.");
        var titles = document.Descendants(Svg + "text").Where(t => t.Attribute("font-weight")?.Value == "bold").ToList();
        Assert.Equal(2, titles.Count);
        foreach (var text in titles) AssertFits(text, width);
        Assert.True(Lines(titles[0]).Count > 1, "A title too long for any width wraps.");
        Assert.Equal(title, string.Join(' ', Lines(titles[0])));
        Assert.Equal(heading, string.Join(' ', Lines(titles[1])));
    }

    [Fact]
    public void A_long_title_of_the_training_curve_wraps_inside_the_pictures_width()
    {
        var title = "yelp from " + string.Join(' ', Enumerable.Repeat("/a/MUCH/longer/Folder with Words/train.txt", 6)) + ": QSANN, seed 1";
        var document = XDocument.Parse(TrainingCurveSvg.Render(History, 2, title));
        var width = double.Parse(document.Root!.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        var heading = document.Root.Elements(Svg + "text").First();
        AssertFits(heading, width);
        Assert.Equal(title, string.Join(' ', Lines(heading)));
        // The panels move down below the wrapped title.
        var lastLine = double.Parse(heading.Attribute("y")!.Value, CultureInfo.InvariantCulture) + (Lines(heading).Count - 1) * 21;
        var panelTop = document.Root.Elements(Svg + "g").Select(g => double.Parse(g.Element(Svg + "rect")!.Attribute("y")!.Value, CultureInfo.InvariantCulture)).Min();
        Assert.True(panelTop > lastLine + 10, $"panels at {panelTop}, title down to {lastLine}");
    }

    [Theory]
    [InlineData("the quick brown fox jumps over the lazy dog", false)]
    [InlineData("THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG", true)]
    [InlineData("mmmm wwww MMMM WWWW", true)]
    public void The_text_width_estimate_is_at_least_what_common_sans_serif_fonts_need(string text, bool bold)
    {
        // DejaVu Sans, the widest common default: about 0.6 em for lowercase, 0.75 for capitals, 1 for m, w, M, W (bold ~10% more).
        var needed = text.Sum(c => c == ' ' ? 0.32 : c is 'm' or 'w' or 'M' or 'W' ? 0.97 : char.IsUpper(c) ? 0.75 : 0.62);
        Assert.True(QSan.Visualization.Svg.TextWidth(text, 10, bold) >= needed * 10 * (bold ? 1.1 : 1.0));
    }

    /// <summary>Each line of a text element (its tspans, or itself) lies inside [0, width] by the conservative estimate.</summary>
    private static void AssertFits(XElement text, double width)
    {
        var x = double.Parse(text.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        var size = double.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
        var bold = text.Attribute("font-weight")?.Value == "bold";
        var anchor = text.Attribute("text-anchor")?.Value ?? "start";
        foreach (var line in Lines(text))
        {
            var w = QSan.Visualization.Svg.TextWidth(line, size, bold);
            var (left, right) = anchor == "middle" ? (x - w / 2, x + w / 2) : (x, x + w);
            Assert.True(left >= 0 && right <= width, $"'{line}' spans {left:0}–{right:0} in a picture {width:0} wide");
        }
    }

    private static List<string> Lines(XElement text) =>
        text.Elements(Svg + "tspan").Any() ? [.. text.Elements(Svg + "tspan").Select(t => t.Value)] : [text.Value];

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

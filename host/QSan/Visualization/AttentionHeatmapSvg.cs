using System.Globalization;

namespace QSan.Visualization;

/// <summary>
/// Attention weights as SVG heatmaps, one panel per sentence (and head): cell (s, j) is shaded by ã_{s,j}, how much
/// token s (row) attends to token j (column); hovering shows the value.
/// </summary>
public static class AttentionHeatmapSvg
{
    private const double Cell = 26;
    private const double CharacterWidth = 6.5;
    private const double PanelGap = 40;

    /// <summary>Renders the panels one below the other.</summary>
    public static string Render(IReadOnlyList<AttentionHeatmap> heatmaps, string title)
    {
        ArgumentNullException.ThrowIfNull(heatmaps);
        ArgumentNullException.ThrowIfNull(title);
        var width = 480.0;
        var height = 50.0;
        foreach (var h in heatmaps)
        {
            width = Math.Max(width, LabelSpace(h) + h.Tokens.Count * Cell + 40);
            height += PanelHeight(h) + PanelGap;
        }
        using var svg = new Svg(width, height, title);
        svg.Text(16, 26, title, 16, weight: "bold");
        var top = 50.0;
        foreach (var h in heatmaps)
        {
            Panel(svg, top, h);
            top += PanelHeight(h) + PanelGap;
        }
        return svg.Finish();
    }

    private static double PanelHeight(AttentionHeatmap h) => 40 + LabelSpace(h) + h.Tokens.Count * Cell;

    /// <summary>Room for the longest token label (rotated above the grid, right-aligned beside it).</summary>
    private static double LabelSpace(AttentionHeatmap h)
    {
        var longest = 1;
        foreach (var t in h.Tokens) longest = Math.Max(longest, t.Length);
        return Math.Min(160, 20 + longest * CharacterWidth);
    }

    private static void Panel(Svg svg, double top, AttentionHeatmap h)
    {
        var n = h.Tokens.Count;
        if (h.Weights.GetLength(0) != n || h.Weights.GetLength(1) != n)
            throw new ArgumentException($"Heatmap '{h.Title}' has {n} tokens but a {h.Weights.GetLength(0)}×{h.Weights.GetLength(1)} matrix.");
        svg.BeginGroup("heatmap");
        svg.Text(16, top, h.Title, 13, weight: "bold");
        svg.Text(16, top + 18, h.Subtitle, 11, fill: "#555");
        var gridTop = top + 30 + LabelSpace(h) * 0.87;
        var gridLeft = LabelSpace(h);
        for (var j = 0; j < n; j++)
            svg.Text(gridLeft + (j + 0.5) * Cell + 4, gridTop - 6, h.Tokens[j], 11, rotate: -60);
        for (var s = 0; s < n; s++)
        {
            svg.Text(gridLeft - 6, gridTop + (s + 0.65) * Cell, h.Tokens[s], 11, "end");
            for (var j = 0; j < n; j++)
            {
                var w = h.Weights[s, j];
                svg.Rect(gridLeft + j * Cell, gridTop + s * Cell, Cell, Cell, Shade(w), "#fff",
                    $"{h.Tokens[s]} → {h.Tokens[j]}: {w.ToString("0.000", CultureInfo.InvariantCulture)}");
            }
        }
        svg.EndGroup();
    }

    /// <summary>White (0) to dark blue (1).</summary>
    private static string Shade(double weight)
    {
        var t = Math.Clamp(double.IsFinite(weight) ? weight : 0, 0, 1);
        // Square root spreads the typical weights (≈ 1/n) over more of the scale.
        t = Math.Sqrt(t);
        var r = (int)Math.Round(255 + (8 - 255) * t);
        var g = (int)Math.Round(255 + (48 - 255) * t);
        var b = (int)Math.Round(255 + (107 - 255) * t);
        return $"#{r:x2}{g:x2}{b:x2}";
    }
}

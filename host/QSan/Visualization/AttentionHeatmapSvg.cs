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
    private const double TextLeft = 16;
    // The picture widens to fit its titles up to this width; longer titles wrap.
    private const double MaxTitleWidth = 1000;
    private const double TitleSize = 16;
    private const double PanelTitleSize = 13;
    private const double SubtitleSize = 11;

    /// <summary>Renders the panels one below the other; titles that would not fit on one line wrap, so none is cut.</summary>
    public static string Render(IReadOnlyList<AttentionHeatmap> heatmaps, string title)
    {
        ArgumentNullException.ThrowIfNull(heatmaps);
        ArgumentNullException.ThrowIfNull(title);
        var width = 480.0;
        var textWidth = Svg.TextWidth(title, TitleSize, bold: true);
        foreach (var h in heatmaps)
        {
            width = Math.Max(width, LabelSpace(h) + h.Tokens.Count * Cell + 40);
            textWidth = Math.Max(textWidth, Math.Max(Svg.TextWidth(h.Title, PanelTitleSize, bold: true), Svg.TextWidth(h.Subtitle, SubtitleSize)));
        }
        width = Math.Max(width, Math.Min(MaxTitleWidth, textWidth + 2 * TextLeft));
        var lineWidth = width - 2 * TextLeft;
        var titleLines = Svg.Wrap(title, TitleSize, lineWidth, bold: true);
        var panels = heatmaps.Select(h => new PanelText(Svg.Wrap(h.Title, PanelTitleSize, lineWidth, bold: true), Svg.Wrap(h.Subtitle, SubtitleSize, lineWidth))).ToList();
        var titleExtra = (titleLines.Count - 1) * LineHeight(TitleSize);
        var height = 50.0 + titleExtra;
        for (var i = 0; i < heatmaps.Count; i++) height += PanelHeight(heatmaps[i], panels[i]) + PanelGap;
        using var svg = new Svg(width, height, title);
        svg.TextLines(TextLeft, 26, titleLines, LineHeight(TitleSize), TitleSize, weight: "bold");
        var top = 50.0 + titleExtra;
        for (var i = 0; i < heatmaps.Count; i++)
        {
            Panel(svg, top, heatmaps[i], panels[i]);
            top += PanelHeight(heatmaps[i], panels[i]) + PanelGap;
        }
        return svg.Finish();
    }

    /// <summary>A panel's title and subtitle, wrapped.</summary>
    private sealed record PanelText(IReadOnlyList<string> Title, IReadOnlyList<string> Subtitle)
    {
        /// <summary>The height the lines beyond the first of each take.</summary>
        public double Extra => (Title.Count - 1) * LineHeight(PanelTitleSize) + (Subtitle.Count - 1) * LineHeight(SubtitleSize);
    }

    private static double LineHeight(double size) => Math.Ceiling(size * 1.3);

    private static double PanelHeight(AttentionHeatmap h, PanelText text) => 40 + text.Extra + LabelSpace(h) + h.Tokens.Count * Cell;

    /// <summary>Room for the longest token label (rotated above the grid, right-aligned beside it).</summary>
    private static double LabelSpace(AttentionHeatmap h)
    {
        var longest = 1;
        foreach (var t in h.Tokens) longest = Math.Max(longest, t.Length);
        return Math.Min(160, 20 + longest * CharacterWidth);
    }

    private static void Panel(Svg svg, double top, AttentionHeatmap h, PanelText text)
    {
        var n = h.Tokens.Count;
        if (h.Weights.GetLength(0) != n || h.Weights.GetLength(1) != n)
            throw new ArgumentException($"Heatmap '{h.Title}' has {n} tokens but a {h.Weights.GetLength(0)}×{h.Weights.GetLength(1)} matrix.");
        svg.BeginGroup("heatmap");
        svg.TextLines(TextLeft, top, text.Title, LineHeight(PanelTitleSize), PanelTitleSize, weight: "bold");
        var subtitleTop = top + 18 + (text.Title.Count - 1) * LineHeight(PanelTitleSize);
        svg.TextLines(TextLeft, subtitleTop, text.Subtitle, LineHeight(SubtitleSize), SubtitleSize, fill: "#555");
        var gridTop = top + 30 + text.Extra + LabelSpace(h) * 0.87;
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

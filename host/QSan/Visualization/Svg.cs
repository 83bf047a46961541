using System.Globalization;
using System.Text;
using System.Xml;

namespace QSan.Visualization;

/// <summary>A thin layer over <see cref="XmlWriter"/> for SVG: elements, escaping and number formatting handled once.</summary>
internal sealed class Svg : IDisposable
{
    private const string Namespace = "http://www.w3.org/2000/svg";
    private readonly StringBuilder text = new();
    private readonly XmlWriter writer;

    public Svg(double width, double height, string title)
    {
        writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, Encoding = Encoding.UTF8 });
        writer.WriteStartDocument();
        writer.WriteStartElement("svg", Namespace);
        Attribute("width", width);
        Attribute("height", height);
        writer.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        writer.WriteAttributeString("font-family", "sans-serif");
        writer.WriteElementString("title", Namespace, title);
        writer.WriteStartElement("rect", Namespace);
        writer.WriteAttributeString("width", "100%");
        writer.WriteAttributeString("height", "100%");
        writer.WriteAttributeString("fill", "white");
        writer.WriteEndElement();
    }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// An upper estimate of <paramref name="content"/>'s width in a sans-serif font of <paramref name="size"/> pixels
    /// (per character: narrow, ordinary, capital, wide; at least what DejaVu Sans and Arial need), so text laid out with
    /// it is never cut by the picture's edge.
    /// </summary>
    public static double TextWidth(string content, double size, bool bold = false)
    {
        var ems = 0.0;
        foreach (var c in content)
            ems += c switch
            {
                ' ' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'j' or 'l' or 'I' or '(' or ')' or '[' or ']' => 0.45,
                'm' or 'w' or 'M' or 'W' or '@' or '%' or '—' or '…' => 1.0,
                >= 'A' and <= 'Z' => 0.8,
                >= '\u2E80' => 1.0,
                _ => 0.65,
            };
        return ems * size * (bold ? 1.12 : 1.0);
    }

    /// <summary>
    /// <paramref name="content"/> in lines no wider than <paramref name="maxWidth"/> by <see cref="TextWidth"/>: broken
    /// at spaces, and inside a word only when the word alone is too wide.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string content, double size, double maxWidth, bool bold = false)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in content.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var joined = line.Length == 0 ? word : line + " " + word;
            if (TextWidth(joined, size, bold) <= maxWidth)
            {
                line = joined;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            line = word;
            // A word wider than a line: cut it where it fills one.
            while (TextWidth(line, size, bold) > maxWidth && line.Length > 1)
            {
                var fits = 1;
                while (fits < line.Length - 1 && TextWidth(line[..(fits + 1)], size, bold) <= maxWidth) fits++;
                lines.Add(line[..fits]);
                line = line[fits..];
            }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }

    public void Text(double x, double y, string content, double size = 12, string anchor = "start", string fill = "#222", double rotate = 0, string? weight = null)
    {
        StartText(x, y, size, anchor, fill, weight);
        if (rotate != 0) writer.WriteAttributeString("transform", $"rotate({Number(rotate)} {Number(x)} {Number(y)})");
        writer.WriteString(content);
        writer.WriteEndElement();
    }

    /// <summary>
    /// Lines of text, the first with its baseline at <paramref name="y"/> and each next one <paramref name="lineHeight"/>
    /// lower: one <c>text</c> element, with a <c>tspan</c> per line when there are several.
    /// </summary>
    public void TextLines(double x, double y, IReadOnlyList<string> lines, double lineHeight, double size = 12, string anchor = "start", string fill = "#222", string? weight = null)
    {
        if (lines.Count == 1)
        {
            Text(x, y, lines[0], size, anchor, fill, weight: weight);
            return;
        }
        StartText(x, y, size, anchor, fill, weight);
        for (var i = 0; i < lines.Count; i++)
        {
            writer.WriteStartElement("tspan", Namespace);
            Attribute("x", x);
            Attribute("dy", i == 0 ? 0 : lineHeight);
            writer.WriteString(lines[i]);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        writer.WriteStartElement("line", Namespace);
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        writer.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        if (dash is not null) writer.WriteAttributeString("stroke-dasharray", dash);
        writer.WriteEndElement();
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, string? tooltip = null)
    {
        writer.WriteStartElement("rect", Namespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", width);
        Attribute("height", height);
        writer.WriteAttributeString("fill", fill);
        if (stroke is not null) writer.WriteAttributeString("stroke", stroke);
        if (tooltip is not null) writer.WriteElementString("title", Namespace, tooltip);
        writer.WriteEndElement();
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 2, string? dash = null)
    {
        if (points.Count == 0) return;
        var list = new StringBuilder();
        foreach (var (x, y) in points) list.Append(Number(x)).Append(',').Append(Number(y)).Append(' ');
        writer.WriteStartElement("polyline", Namespace);
        writer.WriteAttributeString("points", list.ToString().TrimEnd());
        writer.WriteAttributeString("fill", "none");
        writer.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        if (dash is not null) writer.WriteAttributeString("stroke-dasharray", dash);
        writer.WriteEndElement();
    }

    public void Circle(double x, double y, double radius, string fill, string? tooltip = null)
    {
        writer.WriteStartElement("circle", Namespace);
        Attribute("cx", x);
        Attribute("cy", y);
        Attribute("r", radius);
        writer.WriteAttributeString("fill", fill);
        if (tooltip is not null) writer.WriteElementString("title", Namespace, tooltip);
        writer.WriteEndElement();
    }

    public void BeginGroup(string? cssClass = null)
    {
        writer.WriteStartElement("g", Namespace);
        if (cssClass is not null) writer.WriteAttributeString("class", cssClass);
    }

    public void EndGroup() => writer.WriteEndElement();

    /// <summary>A value axis with five grid lines and tick labels, the x axis line, and the value label (when given) turned upright.</summary>
    public void ValueAxes(double left, double top, double plotWidth, double plotHeight, double yMin, double yMax, string? yLabel, Func<double, double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        for (var t = 0; t <= 5; t++)
        {
            var value = yMin + (yMax - yMin) * t / 5;
            Line(left, y(value), left + plotWidth, y(value), "#e5e5e5");
            Text(left - 6, y(value) + 4, Number(value), 11, "end");
        }
        Line(left, top, left, top + plotHeight, "#333");
        Line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#333");
        if (yLabel is not null) Text(16, top + plotHeight / 2, yLabel, 12, "middle", rotate: -90);
    }

    /// <summary>Closes the document and returns its text; call once.</summary>
    public string Finish()
    {
        writer.WriteEndDocument();
        writer.Flush();
        return text.ToString();
    }

    public void Dispose() => writer.Dispose();

    private void StartText(double x, double y, double size, string anchor, string fill, string? weight)
    {
        writer.WriteStartElement("text", Namespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("font-size", size);
        writer.WriteAttributeString("text-anchor", anchor);
        writer.WriteAttributeString("fill", fill);
        if (weight is not null) writer.WriteAttributeString("font-weight", weight);
    }

    private void Attribute(string name, double value) => writer.WriteAttributeString(name, Number(value));
}

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

    public void Text(double x, double y, string content, double size = 12, string anchor = "start", string fill = "#222", double rotate = 0, string? weight = null)
    {
        writer.WriteStartElement("text", Namespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("font-size", size);
        writer.WriteAttributeString("text-anchor", anchor);
        writer.WriteAttributeString("fill", fill);
        if (weight is not null) writer.WriteAttributeString("font-weight", weight);
        if (rotate != 0) writer.WriteAttributeString("transform", $"rotate({Number(rotate)} {Number(x)} {Number(y)})");
        writer.WriteString(content);
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

    /// <summary>Closes the document and returns its text; call once.</summary>
    public string Finish()
    {
        writer.WriteEndDocument();
        writer.Flush();
        return text.ToString();
    }

    public void Dispose() => writer.Dispose();

    private void Attribute(string name, double value) => writer.WriteAttributeString(name, Number(value));
}

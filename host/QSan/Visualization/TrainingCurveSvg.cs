using System.Globalization;

namespace QSan.Visualization;

/// <summary>
/// The training curve as SVG: loss (left) and accuracy (right) per epoch, training (solid) and validation (dashed), with
/// the selected epoch marked.
/// </summary>
public static class TrainingCurveSvg
{
    private const double PanelWidth = 420;
    private const double PanelHeight = 280;
    private const double Margin = 62;
    private const string TrainColour = "#1f77b4";
    private const string ValidationColour = "#d62728";

    /// <summary>Renders the curve.</summary>
    /// <param name="history">Per-epoch metrics, in epoch order.</param>
    /// <param name="bestEpoch">The selected epoch (marked), or 0 for none.</param>
    /// <param name="title">A heading, e.g. dataset, model and seed; one too wide for the picture wraps.</param>
    public static string Render(IReadOnlyList<CurvePoint> history, int bestEpoch, string title)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(title);
        var width = 2 * (PanelWidth + 2 * Margin);
        var titleLines = Svg.Wrap(title, 16, width - 32, bold: true);
        var titleExtra = (titleLines.Count - 1) * 21.0;
        var height = PanelHeight + 2 * Margin + 30 + titleExtra;
        using var svg = new Svg(width, height, title);
        svg.TextLines(width / 2, 24, titleLines, 21, 16, "middle", weight: "bold");

        var lossMax = 0.0;
        foreach (var m in history)
        {
            lossMax = Math.Max(lossMax, Finite(m.TrainLoss));
            lossMax = Math.Max(lossMax, Finite(m.ValidationLoss ?? 0));
        }
        Panel(svg, Margin, Margin + 20 + titleExtra, "loss", history, bestEpoch, 0, NiceCeiling(lossMax),
            m => m.TrainLoss, m => m.ValidationLoss);
        Panel(svg, 3 * Margin + PanelWidth, Margin + 20 + titleExtra, "accuracy", history, bestEpoch, 0, 1,
            m => m.TrainAccuracy, m => m.ValidationAccuracy);

        // Legend.
        var legendY = height - 14;
        svg.Line(Margin, legendY - 4, Margin + 30, legendY - 4, TrainColour, 2);
        svg.Text(Margin + 36, legendY, "training (running, during the epoch)", 12);
        svg.Line(Margin + 290, legendY - 4, Margin + 320, legendY - 4, ValidationColour, 2, "6 4");
        svg.Text(Margin + 326, legendY, "validation", 12);
        if (bestEpoch > 0)
        {
            svg.Line(Margin + 420, legendY - 4, Margin + 450, legendY - 4, "#555", 1, "2 3");
            svg.Text(Margin + 456, legendY, $"selected epoch ({bestEpoch})", 12);
        }
        return svg.Finish();
    }

    private static void Panel(Svg svg, double left, double top, string label, IReadOnlyList<CurvePoint> history, int bestEpoch,
        double yMin, double yMax, Func<CurvePoint, double> train, Func<CurvePoint, double?> validation)
    {
        svg.BeginGroup(label);
        var lastEpoch = Math.Max(1, history.Count == 0 ? 1 : history[^1].Epoch);
        var firstEpoch = history.Count == 0 ? 1 : history[0].Epoch;
        double X(double epoch) => lastEpoch == firstEpoch ? left + PanelWidth / 2 : left + (epoch - firstEpoch) / (lastEpoch - firstEpoch) * PanelWidth;
        double Y(double value) => top + PanelHeight - (Math.Clamp(value, yMin, yMax) - yMin) / (yMax - yMin) * PanelHeight;

        svg.Rect(left, top, PanelWidth, PanelHeight, "none", "#999");
        for (var t = 0; t <= 4; t++)
        {
            var value = yMin + (yMax - yMin) * t / 4;
            svg.Line(left, Y(value), left + PanelWidth, Y(value), "#eee");
            svg.Text(left - 6, Y(value) + 4, value.ToString(label == "accuracy" ? "0%" : "0.###", CultureInfo.InvariantCulture), 11, "end");
        }
        var step = Math.Max(1, (int)Math.Ceiling((lastEpoch - firstEpoch + 1) / 10.0));
        for (var e = firstEpoch; e <= lastEpoch; e += step)
            svg.Text(X(e), top + PanelHeight + 16, e.ToString(CultureInfo.InvariantCulture), 11, "middle");
        svg.Text(left + PanelWidth / 2, top + PanelHeight + 34, "epoch", 12, "middle");
        svg.Text(left - 50, top + PanelHeight / 2, label, 12, "middle", rotate: -90);
        if (bestEpoch > 0) svg.Line(X(bestEpoch), top, X(bestEpoch), top + PanelHeight, "#555", 1, "2 3");

        var trainPoints = new List<(double, double)>();
        var validationPoints = new List<(double, double)>();
        foreach (var m in history)
        {
            trainPoints.Add((X(m.Epoch), Y(Finite(train(m)))));
            if (validation(m) is { } v && double.IsFinite(v)) validationPoints.Add((X(m.Epoch), Y(v)));
        }
        svg.Polyline(trainPoints, TrainColour);
        svg.Polyline(validationPoints, ValidationColour, 2, "6 4");
        foreach (var m in history)
        {
            svg.Circle(X(m.Epoch), Y(Finite(train(m))), 2.5, TrainColour, $"epoch {m.Epoch}: training {label} {Format(train(m))}");
            if (validation(m) is { } v && double.IsFinite(v))
                svg.Circle(X(m.Epoch), Y(v), 2.5, ValidationColour, $"epoch {m.Epoch}: validation {label} {Format(v)}");
        }
        svg.EndGroup();
    }

    /// <summary>The smallest of 1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8 × 10^k at or above <paramref name="value"/>: a top whose quarters are round.</summary>
    private static double NiceCeiling(double value)
    {
        if (!(value > 0) || !double.IsFinite(value)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 1.2, 1.6, 2.0, 2.4, 3.2, 4.0, 6.0, 8.0 })
            if (step * power >= value * (1 - 1e-12)) return step * power;
        return 10 * power;
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>One epoch of a training curve.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean loss of the epoch's minibatch steps.</param>
/// <param name="TrainAccuracy">Accuracy of the epoch's minibatch steps.</param>
/// <param name="ValidationLoss">Loss on the validation split after the epoch, if there is one.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split after the epoch, if there is one.</param>
public sealed record CurvePoint(int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy);

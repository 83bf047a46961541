using System.Globalization;
using QSan.Benchmarks;
using QSan.Training;
using QSan.Visualization;

namespace QSan.Experiments;

/// <summary>The framework comparison's figure: both frameworks' training curves of one round on one chart.</summary>
public static class FrameworkFigures
{
    /// <summary>The file the command line writes the figure to: <c>bench-frameworks-&lt;dataset&gt;.svg</c>.</summary>
    public static string FileName(string dataset) => $"bench-frameworks-{dataset}.svg";

    /// <summary>Training loss and validation accuracy per epoch of round 1, QSan's solid and TorchSharp's dashed.</summary>
    public static string Chart(IReadOnlyList<FrameworkTiming> timings, string dataset)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var first = timings.Where(t => t.Round == 1).ToList();
        var epochs = first.Count == 0 ? 0 : first.Max(t => t.Curve.Count);
        var series = new List<LineSeries>();
        foreach (var run in first)
        {
            var name = run.Framework == TrainingFramework.QSan ? "QSan" : "TorchSharp";
            var dashed = run.Framework != TrainingFramework.QSan;
            series.Add(new LineSeries($"{name}: training loss", [.. run.Curve.Select(m => (double?)m.TrainLoss)], Dashed: dashed));
            series.Add(new LineSeries($"{name}: validation accuracy", [.. run.Curve.Select(m => m.ValidationAccuracy)], Dashed: dashed));
        }
        return LineChartSvg.Render($"QSANN on {dataset}, same seed, trained by QSan's autograd and by TorchSharp", "epoch", "loss / accuracy",
            [.. Enumerable.Range(1, epochs).Select(e => e.ToString(CultureInfo.InvariantCulture))], series);
    }
}

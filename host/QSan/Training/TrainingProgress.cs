using System.Globalization;

namespace QSan.Training;

/// <summary>Ready-made progress reports for <see cref="TrainingLoop"/>: plain lines for logs, pipes and notebooks.</summary>
public static class TrainingProgress
{
    /// <summary>One line per finished epoch: loss, accuracies, speed; <c>*</c> marks the best epoch so far on validation.</summary>
    public static ITrainingObserver Lines(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new LineObserver(output);
    }

    /// <summary>An epoch's line, as <see cref="Lines"/> writes it.</summary>
    public static string Describe(EpochMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var validation = m.ValidationAccuracy is { } va ? $", val loss {Number(m.ValidationLoss ?? double.NaN)}, val acc {Percent(va)}" : "";
        return $"epoch {m.Epoch}: loss {Number(m.TrainLoss)}, train acc {Percent(m.TrainAccuracy)}{validation}, {Rate(m.TokensPerSecond)} tokens/s{(m.IsBest ? " *" : "")}";
    }

    /// <summary>A loss or rate with up to four decimals.</summary>
    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>An accuracy in percent with two decimals ("–" for NaN).</summary>
    public static string Percent(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00%", CultureInfo.InvariantCulture);

    /// <summary>A rate with k or M (tokens per second).</summary>
    public static string Rate(double value) => value >= 1e6
        ? (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M"
        : value >= 1e3 ? (value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k" : value.ToString("0", CultureInfo.InvariantCulture);

    private sealed class LineObserver(TextWriter output) : ITrainingObserver
    {
        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(EpochMetrics metrics) => output.WriteLine(Describe(metrics));
    }
}

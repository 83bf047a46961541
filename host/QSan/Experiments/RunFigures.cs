using System.Globalization;
using QSan.Data;
using QSan.Training;
using QSan.Visualization;

namespace QSan.Experiments;

/// <summary>
/// A run's pictures: the training curve and attention heatmaps. Maps the training records onto the plain records that
/// <see cref="Visualization"/> draws, so drawing never depends on training.
/// </summary>
public static class RunFigures
{
    /// <summary>How many test sentences the run folder's heatmap shows.</summary>
    public const int HeatmapSentences = 4;

    /// <summary>Writes both SVGs into the run folder; the model must hold the selected weights.</summary>
    public static void Write(TrainingRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        RunFolder.WriteAllTextAtomically(Path.Combine(state.OutputDirectory, RunFolder.TrainingCurveFileName), TrainingCurve(state));
        var chosen = ChooseSentences(state.Test, state.Tokenizer);
        RunFolder.WriteAllTextAtomically(Path.Combine(state.OutputDirectory, RunFolder.AttentionFileName),
            Attention(state, chosen.Texts, chosen.Labels, "Attention on test sentences"));
    }

    /// <summary>The training curve (loss and accuracy per epoch, the selected epoch marked) as SVG.</summary>
    public static string TrainingCurve(TrainingRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var points = state.History.Select(m => new CurvePoint(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy)).ToArray();
        return TrainingCurveSvg.Render(points, state.Validation.Count > 0 ? state.Record.BestEpoch : 0, Title(state.Options));
    }

    /// <summary>Attention heatmaps (one per layer and head) of <paramref name="texts"/> under the model's current weights, as SVG.</summary>
    /// <param name="state">The run.</param>
    /// <param name="texts">Sentences to analyse.</param>
    /// <param name="labels">Their labels where known (shown in the panel titles), or null.</param>
    /// <param name="heading">The figure's heading; the run's dataset, model and seed are added.</param>
    public static string Attention(TrainingRunState state, IReadOnlyList<string> texts, IReadOnlyList<int>? labels = null, string heading = "Attention")
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(texts);
        var analyses = SentenceAnalyzer.Analyze(state.Model, state.Tokenizer, state.Vocabulary, texts);
        var heatmaps = new List<AttentionHeatmap>();
        for (var i = 0; i < analyses.Count; i++)
            heatmaps.AddRange(Heatmaps(analyses[i], labels?[i]));
        return AttentionHeatmapSvg.Render(heatmaps, $"{heading} — {Title(state.Options)}");
    }

    /// <summary>One heatmap per layer and head of an analysed sentence.</summary>
    public static IEnumerable<AttentionHeatmap> Heatmaps(SentenceAnalysis analysis, int? label)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var heading = $"“{Shorten(analysis.Text)}” p = {analysis.Probability.ToString("0.000", CultureInfo.InvariantCulture)}"
            + (label is { } l ? $", label {l}" : "");
        var tokens = new string[analysis.Tokens.Count];
        for (var t = 0; t < tokens.Length; t++) tokens[t] = analysis.Known[t] ? analysis.Tokens[t] : analysis.Tokens[t] + "?";
        for (var layer = 0; layer < analysis.Attention.Length; layer++)
            for (var head = 0; head < analysis.Attention[layer].Length; head++)
                yield return new AttentionHeatmap(heading, $"layer {layer + 1}, head {head + 1}; rows attend to columns; ? = unknown word", tokens, analysis.Attention[layer][head]);
    }

    private static string Title(TrainingOptions options) =>
        $"{options.Data.DisplayName}: {options.Model.Kind.ToString().ToUpperInvariant()}, seed {options.Seed}";

    /// <summary>The first few test sentences of 3–12 tokens (readable panels), or the first few of any length.</summary>
    private static (string[] Texts, int[] Labels) ChooseSentences(EncodedSentences test, Tokenizer tokenizer)
    {
        var texts = new List<string>();
        var labels = new List<int>();
        for (var pass = 0; pass < 2 && texts.Count < HeatmapSentences; pass++)
        {
            for (var i = 0; i < test.Count && texts.Count < HeatmapSentences; i++)
            {
                var length = tokenizer.Tokenize(test.Texts[i]).Length;
                var readable = length is >= 3 and <= 12;
                if (pass == 0 ? !readable : readable || texts.Contains(test.Texts[i])) continue;
                texts.Add(test.Texts[i]);
                labels.Add((int)test.Labels[i]);
            }
        }
        return ([.. texts], [.. labels]);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

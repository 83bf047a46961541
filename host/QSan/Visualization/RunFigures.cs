using System.Globalization;
using QSan.Training;

namespace QSan.Visualization;

/// <summary>Writes a finished run's figures: the training curve and attention heatmaps of a few test sentences.</summary>
public static class RunFigures
{
    /// <summary>How many test sentences the heatmap shows.</summary>
    public const int HeatmapSentences = 4;

    /// <summary>Writes both SVGs into the run folder; the model must hold the selected weights.</summary>
    public static void Write(TrainingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var options = session.Options;
        var title = $"{options.Data.DisplayName}: {options.Model.Kind.ToString().ToUpperInvariant()}, seed {options.Seed}";
        RunFolder.WriteAllTextAtomically(Path.Combine(session.OutputDirectory, RunFolder.TrainingCurveFileName),
            TrainingCurveSvg.Render(session.History, session.Validation.Count > 0 ? session.BestEpoch : 0, title));

        var chosen = ChooseSentences(session.Test, session.Tokenizer);
        var analyses = SentenceAnalyzer.Analyze(session.Model, session.Tokenizer, session.Vocabulary, chosen.Texts);
        var heatmaps = new List<AttentionHeatmap>();
        for (var i = 0; i < analyses.Count; i++)
            heatmaps.AddRange(Heatmaps(analyses[i], chosen.Labels[i]));
        RunFolder.WriteAllTextAtomically(Path.Combine(session.OutputDirectory, RunFolder.AttentionFileName),
            AttentionHeatmapSvg.Render(heatmaps, $"Attention on test sentences — {title}"));
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

    /// <summary>The first few test sentences of 3–12 tokens (readable panels), or the first few of any length.</summary>
    private static (string[] Texts, int[] Labels) ChooseSentences(EncodedSentences test, Data.Tokenizer tokenizer)
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

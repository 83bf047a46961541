using QSan.Data;
using QSan.Model;

namespace QSan.Training;

/// <summary>Runs a trained model on raw sentences and collects probabilities and attention weights (<c>predict</c>, heatmaps).</summary>
public static class SentenceAnalyzer
{
    /// <summary>Analyses <paramref name="texts"/> in one forward pass.</summary>
    /// <exception cref="ArgumentException">A sentence is empty or blank.</exception>
    public static IReadOnlyList<SentenceAnalysis> Analyze(SentenceClassifier model, Tokenizer tokenizer, Vocabulary vocabulary, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        var tokens = new string[texts.Count][];
        var ids = new List<int>();
        var offsets = new int[texts.Count + 1];
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i])) throw new ArgumentException("The sentence is empty.");
            tokens[i] = tokenizer.Tokenize(texts[i]);
            if (tokens[i].Length == 0) tokens[i] = [Vocabulary.UnknownToken];
            foreach (var t in tokens[i]) ids.Add(vocabulary.Id(t));
            offsets[i + 1] = ids.Count;
        }
        var trace = new AttentionTrace();
        var probabilities = model.Probabilities([.. ids], offsets, trace);
        var result = new SentenceAnalysis[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var attention = new double[model.Config.Layers][][,];
            for (var l = 0; l < attention.Length; l++)
            {
                attention[l] = new double[model.Config.Heads][,];
                for (var h = 0; h < attention[l].Length; h++) attention[l][h] = trace.Weights(l, h, i);
            }
            var known = new bool[tokens[i].Length];
            for (var t = 0; t < known.Length; t++) known[t] = vocabulary.Contains(tokens[i][t]);
            result[i] = new SentenceAnalysis(texts[i], tokens[i], known, probabilities[i], attention);
        }
        return result;
    }
}

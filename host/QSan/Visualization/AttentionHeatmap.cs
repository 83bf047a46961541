namespace QSan.Visualization;

/// <summary>One attention matrix to draw: row s is how much token s attends to each token of the sentence.</summary>
/// <param name="Title">E.g. the sentence, its label and the predicted probability.</param>
/// <param name="Subtitle">E.g. which layer and head.</param>
/// <param name="Tokens">The sentence's tokens (row and column labels).</param>
/// <param name="Weights">[tokens × tokens], rows summing to 1.</param>
public sealed record AttentionHeatmap(string Title, string Subtitle, IReadOnlyList<string> Tokens, double[,] Weights);

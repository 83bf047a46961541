namespace QSan.Training;

/// <summary>What the model makes of one sentence.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="Tokens">Its tokens (<c>&lt;unk&gt;</c> stands in for a sentence with none).</param>
/// <param name="Known">Per token, whether the vocabulary has it (otherwise it is read as the unknown word).</param>
/// <param name="Probability">p = σ(z), the probability of label 1.</param>
/// <param name="Attention">Per layer, per head: the [tokens × tokens] attention weights, rows summing to 1.</param>
public sealed record SentenceAnalysis(string Text, IReadOnlyList<string> Tokens, IReadOnlyList<bool> Known, double Probability, double[][][,] Attention);

namespace QSan.Data;

/// <summary>One example of a binary text-classification dataset.</summary>
/// <param name="Text">The sentence as it appears in the file (label removed, surrounding spaces trimmed).</param>
/// <param name="Label">0 or 1.</param>
public sealed record LabelledSentence(string Text, int Label);

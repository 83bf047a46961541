namespace QSan.Training;

/// <summary>A model's score on a set of sentences.</summary>
/// <param name="Loss">Mean data loss (MSE on σ(z) or BCE, as trained; no penalty).</param>
/// <param name="Accuracy">Share classified correctly (p ≥ 0.5 ⇔ label 1).</param>
/// <param name="Count">Number of sentences.</param>
public sealed record Score(double Loss, double Accuracy, int Count);

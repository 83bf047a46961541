namespace QSan.Training;

/// <summary>The data term of the training loss (the λ‖w‖² penalty is added to either).</summary>
public enum LossKind
{
    /// <summary>Mean squared error between p = σ(z) and the label (the paper's).</summary>
    Mse,

    /// <summary>Binary cross-entropy on the logits.</summary>
    Bce,
}

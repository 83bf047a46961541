namespace QSan.Benchmarks;

/// <summary>
/// The named variants of the paper campaign (BENCHMARKS.md, "Paper", lists every recipe tried and how each was chosen);
/// <c>canonical</c> is the model and training of docs/model.md, the others change only the training recipe or the tokens (stems, negation marking), never
/// the model's parameter count outside the embeddings (except <c>heads2</c>, which adds a head, and <c>positions</c>,
/// which adds learned position angles).
/// </summary>
public static class PaperVariants
{
    /// <summary>The model of docs/model.md as built: the paper's sizes, N(0, 0.01²) init, Adam 0.01, batch 16, MSE, 20 epochs, epoch chosen on validation.</summary>
    public static PaperVariant Canonical { get; } = new("canonical", "the paper's model and training (docs/model.md), epoch selected on validation", []);

    /// <summary>Porter stems as tokens: inflections share one embedding, so fewer words are seen once or never.</summary>
    public static PaperVariant Stems { get; } = new("stems", "canonical on Porter stems (--tokenizer stems)", ["--tokenizer", "stems"]);

    /// <summary>The campaign's pick on cross-validated accuracy: stems and the paper's own regulariser λ‖w‖² switched on.</summary>
    public static PaperVariant StemsL2 { get; } = new("stems-l2", "stems + the paper's head penalty λ = 0.1", ["--tokenizer", "stems", "--lambda", "0.1"]);

    /// <summary>stems-l2 with AdamW's decoupled decay on every parameter, embeddings included.</summary>
    public static PaperVariant StemsAdamW { get; } = new("stems-adamw", "stems-l2 + AdamW decay 0.3",
        ["--tokenizer", "stems", "--lambda", "0.1", "--decoupled-weight-decay", "0.3"]);

    /// <summary>
    /// stems-adamw on tokens with negation marked ("not good" → not, not_good): the order-blind model then tells a
    /// word from its negation. The campaign's pick for the UCI sets on cross-validated accuracy.
    /// </summary>
    public static PaperVariant Negation { get; } = new("negation", "stems-adamw with negation marked (--negation)",
        ["--tokenizer", "stems", "--lambda", "0.1", "--decoupled-weight-decay", "0.3", "--negation"]);

    /// <summary>stems-l2 with a smaller step and twice the epochs: a smoother path to the same place.</summary>
    public static PaperVariant StemsSlow { get; } = new("stems-slow", "stems-l2 with Adam 0.003 and 40 epochs",
        ["--tokenizer", "stems", "--lambda", "0.1", "--lr", "0.003", "--epochs", "40"]);

    /// <summary>stems-l2 with two attention heads per layer (multi-head, beyond the paper).</summary>
    public static PaperVariant Heads2 { get; } = new("heads2", "stems-l2 with H = 2 heads", ["--tokenizer", "stems", "--lambda", "0.1", "--heads", "2"]);

    /// <summary>
    /// Learned angles for the first three positions (the rest share a fourth) added to the embeddings, so word order
    /// reaches the model (RP's labels depend on nothing else), with AdamW decay, embeddings drawn from N(0, 0.5²) so the
    /// position angles do not drown them, and up to 100 epochs.
    /// </summary>
    public static PaperVariant Positions { get; } = new("positions", "learned positions (4) + AdamW decay 1, embeddings σ 0.5, 100 epochs",
        ["--positions", "4", "--decoupled-weight-decay", "1", "--embedding-init-std", "0.5", "--epochs", "100"]);

    /// <summary>What <c>bench paper</c> runs when no variant is named: the paper's model and the campaign's picks.</summary>
    public static IReadOnlyList<PaperVariant> Default { get; } = [Canonical, Negation, Positions];

    /// <summary>Every named variant, in the order the benchmark lists them.</summary>
    public static IReadOnlyList<PaperVariant> All { get; } = [Canonical, Stems, StemsL2, StemsAdamW, Negation, StemsSlow, Heads2, Positions];

    /// <summary>The variant called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static PaperVariant Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown variant '{name}'. Known: {string.Join(", ", All.Select(v => v.Name))}.");
    }
}

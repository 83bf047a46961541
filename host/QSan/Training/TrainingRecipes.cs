using QSan.Data;

namespace QSan.Training;

/// <summary>
/// A named change to training options: how a study varies the paper's recipe. <see cref="Flags"/> says the same as
/// <c>train</c> options, so any run can be repeated by hand (<c>train --dataset yelp --seed 3 &lt;Flags&gt;</c>).
/// </summary>
/// <param name="Name">Short name (<c>canonical</c>, <c>negation</c>, …), as <c>bench paper --variants</c> takes it.</param>
/// <param name="Description">What the recipe changes and why.</param>
/// <param name="Flags">The <c>train</c> options that make the same change (empty: none).</param>
/// <param name="Apply">Applies the change to options (usually <see cref="TrainingPresets.Paper(DataSpec, Model.ModelKind, int)"/>'s).</param>
/// <param name="QuantumOnly">The recipe changes only the circuits (qubits, depth), so CSANN would repeat another recipe's runs.</param>
/// <param name="ClassicalOnly">The recipe changes only CSANN (its attention kernel), so QSANN would repeat another recipe's runs.</param>
public sealed record TrainingRecipe(string Name, string Description, string Flags, Func<TrainingOptions, TrainingOptions> Apply, bool QuantumOnly = false, bool ClassicalOnly = false);

/// <summary>
/// The named recipes of the paper campaign (BENCHMARKS.md, "Paper", lists every recipe tried and how each was chosen).
/// <see cref="Canonical"/> is the paper's model and training (docs/model.md); the others change only the training
/// recipe or the tokens (stems, negation marking), never the parameter count outside the embeddings, except
/// <see cref="Heads2"/> (a second head) and <see cref="Positions"/> (learned position angles).
/// </summary>
public static class TrainingRecipes
{
    /// <summary>The paper's sizes, N(0, 0.01²) init, Adam 0.01, batch 16, MSE, 20 epochs, epoch chosen on validation.</summary>
    public static TrainingRecipe Canonical { get; } = new("canonical", "the paper's model and training (docs/model.md), epoch selected on validation", "", o => o);

    /// <summary>Porter stems as tokens: inflections share one embedding, so fewer words are seen once or never.</summary>
    public static TrainingRecipe Stems { get; } = new("stems", "canonical on Porter stems (--tokenizer stems)", "--tokenizer stems",
        o => o with { Data = o.Data with { Tokenizer = TokenizerMode.Stems } });

    /// <summary>The campaign's pick on cross-validated accuracy: stems and the paper's own regulariser λ‖w‖² switched on.</summary>
    public static TrainingRecipe StemsL2 { get; } = new("stems-l2", "stems + the paper's head penalty λ = 0.1", "--tokenizer stems --lambda 0.1",
        o => Stems.Apply(o) with { Lambda = 0.1 });

    /// <summary>stems-l2 with AdamW's decoupled decay on every parameter, embeddings included.</summary>
    public static TrainingRecipe StemsAdamW { get; } = new("stems-adamw", "stems-l2 + AdamW decay 0.3",
        "--tokenizer stems --lambda 0.1 --decoupled-weight-decay 0.3", o => StemsL2.Apply(o) with { DecoupledWeightDecay = 0.3 });

    /// <summary>
    /// stems-adamw on tokens with negation marked ("not good" → not, not_good): the order-blind model then tells a
    /// word from its negation. The campaign's pick for the UCI sets on cross-validated accuracy.
    /// </summary>
    public static TrainingRecipe Negation { get; } = new("negation", "stems-adamw with negation marked (--negation)",
        "--tokenizer stems --lambda 0.1 --decoupled-weight-decay 0.3 --negation", o =>
        {
            var adamW = StemsAdamW.Apply(o);
            return adamW with { Data = adamW.Data with { MarkNegation = true } };
        });

    /// <summary>stems-l2 with a smaller step and twice the epochs: a smoother path to the same place.</summary>
    public static TrainingRecipe StemsSlow { get; } = new("stems-slow", "stems-l2 with Adam 0.003 and 40 epochs",
        "--tokenizer stems --lambda 0.1 --lr 0.003 --epochs 40", o => StemsL2.Apply(o) with { LearningRate = 0.003, Epochs = 40 });

    /// <summary>stems-l2 with two attention heads per layer (multi-head, beyond the paper).</summary>
    public static TrainingRecipe Heads2 { get; } = new("heads2", "stems-l2 with H = 2 heads", "--tokenizer stems --lambda 0.1 --heads 2", o =>
    {
        var l2 = StemsL2.Apply(o);
        return l2 with { Model = l2.Model with { Heads = 2 } };
    });

    /// <summary>
    /// Learned angles for the first three positions (the rest share a fourth) added to the embeddings, so word order
    /// reaches the model (RP's labels depend on nothing else), with AdamW decay, embeddings drawn from N(0, 0.5²) so the
    /// position angles do not drown them, and up to 100 epochs.
    /// </summary>
    public static TrainingRecipe Positions { get; } = new("positions", "learned positions (4) + AdamW decay 1, embeddings σ 0.5, 100 epochs",
        "--positions 4 --decoupled-weight-decay 1 --embedding-init-std 0.5 --epochs 100",
        o => o with { Model = o.Model with { Positions = 4, EmbeddingInitStd = 0.5 }, DecoupledWeightDecay = 1, Epochs = 100 });

    /// <summary>The CERN openlab talk's classical model: CSANN with scaled dot-product softmax attention (CSANN only).</summary>
    public static TrainingRecipe Softmax { get; } = new("softmax", "canonical CSANN with softmax(q·k/√d) attention (--attention softmax)", "--attention softmax",
        o => o with { Model = o.Model with { Attention = Model.AttentionKind.Softmax } }, ClassicalOnly: true);

    /// <summary>What <c>bench paper</c> runs when no recipe is named: the paper's model, the campaign's picks, and the talk's softmax CSANN.</summary>
    public static IReadOnlyList<TrainingRecipe> Default { get; } = [Canonical, Negation, Positions, Softmax];

    /// <summary>Every named recipe, in the order the benchmark lists them.</summary>
    public static IReadOnlyList<TrainingRecipe> All { get; } = [Canonical, Stems, StemsL2, StemsAdamW, Negation, StemsSlow, Heads2, Positions, Softmax];

    /// <summary>The recipe called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static TrainingRecipe Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown recipe '{name}'. Known: {string.Join(", ", All.Select(v => v.Name))}.");
    }
}

using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// The pipeline QSANN and CSANN share (docs/model.md): token embeddings y_s ∈ R^d, L self-attention layers with the
/// residual y ← y + attention(y) computed within each sentence only, mean pooling over the sentence, and the head
/// p = σ(w · mean + b). Subclasses supply the layers' query, key and value maps. Beyond the paper, learned position
/// angles can be added to the embeddings (<see cref="ModelConfig.Positions"/>); without them the model sees a bag of words.
/// </summary>
public abstract class SentenceClassifier : Module
{
    /// <summary>Registers the embedding table; subclasses register their layers, then call <see cref="RegisterHead"/>.</summary>
    /// <param name="config">The architecture (validated here).</param>
    /// <param name="vocabularySize">Rows of the embedding table (unknown-word slot included).</param>
    /// <param name="random">Source of the initial values; draws happen in registration order.</param>
    protected SentenceClassifier(ModelConfig config, int vocabularySize, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        Config = config.Validate();
        Embedding = RegisterModule("embedding", new Embedding(vocabularySize, config.Dimension, random, config.EmbeddingInitStd));
        if (config.Positions > 0)
            PositionTable = RegisterModule("positions", new Embedding(config.Positions, config.Dimension, random, config.EmbeddingInitStd));
    }

    /// <summary>The architecture.</summary>
    public ModelConfig Config { get; }

    /// <summary>d.</summary>
    public int Dimension => Config.Dimension;

    /// <summary>The token vectors (QSANN: encoder angles): [vocabulary × d].</summary>
    public Embedding Embedding { get; }

    /// <summary>The learned position angles, [positions × d], or null (the paper's order-blind model).</summary>
    public Embedding? PositionTable { get; }

    /// <summary>The head w · mean + b (w is what the λ‖w‖² penalty acts on).</summary>
    public Linear Head { get; private set; } = null!;

    /// <summary>Trainable values outside the embedding table (the paper's parameter count).</summary>
    public int ParametersOutsideEmbeddings => ParameterCount() - Embedding.Weight.Count;

    /// <summary>
    /// The logits z (p = σ(z)) of a ragged batch of sentences: <paramref name="ids"/> holds their tokens concatenated and
    /// <paramref name="offsets"/> = [0, end of sentence 0, …, tokens]. Every sentence needs at least one token.
    /// </summary>
    /// <param name="ids">Token ids.</param>
    /// <param name="offsets">Sentence boundaries.</param>
    /// <param name="trace">Receives every head's queries and keys when given.</param>
    /// <returns>[sentences].</returns>
    public Tensor Forward(int[] ids, int[] offsets, AttentionTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        var y = Embedding.Forward(ids);
        if (PositionTable is not null) y = y + PositionTable.Forward(PositionIds(offsets, PositionTable.Count));
        for (var layer = 0; layer < Config.Layers; layer++)
            y = y + Attend(layer, y, ids, offsets, trace);
        var logits = Head.Forward(Functional.SegmentMean(y, offsets));
        return logits.Reshape(offsets.Length - 1);
    }

    /// <summary>Each token's position within its sentence, capped at the position table's last row (<paramref name="count"/> − 1).</summary>
    public static int[] PositionIds(int[] offsets, int count)
    {
        var positions = new int[offsets[^1]];
        for (var s = 0; s + 1 < offsets.Length; s++)
            for (var t = offsets[s]; t < offsets[s + 1]; t++)
                positions[t] = Math.Min(t - offsets[s], count - 1);
        return positions;
    }

    /// <summary>The probabilities p = σ(z) of a batch, without recording a graph.</summary>
    public double[] Probabilities(int[] ids, int[] offsets, AttentionTrace? trace = null)
    {
        using var _ = Tensor.NoGrad();
        var logits = Forward(ids, offsets, trace).Data;
        var p = new double[logits.Length];
        for (var i = 0; i < p.Length; i++) p[i] = 1.0 / (1.0 + Math.Exp(-logits[i]));
        return p;
    }

    /// <summary>Layer <paramref name="layer"/>'s attention output Σ_j ã_{s,j} o_j (combined over heads), [tokens × d].</summary>
    /// <param name="layer">0-based layer.</param>
    /// <param name="y">The token vectors entering the layer, [tokens × d]; for layer 0 these are the embedding rows of <paramref name="ids"/>
    /// (plus their position angles when the model learns positions).</param>
    /// <param name="ids">The batch's token ids.</param>
    /// <param name="offsets">Sentence boundaries.</param>
    /// <param name="trace">Receives the heads' queries and keys when given.</param>
    protected abstract Tensor Attend(int layer, Tensor y, int[] ids, int[] offsets, AttentionTrace? trace);

    /// <summary>Registers the head; call after the layers so parameters are listed (and drawn) in pipeline order.</summary>
    protected void RegisterHead(Random random) =>
        Head = RegisterModule("head", new Linear(Dimension, 1, random, bias: true, initStd: Config.InitStd));

    /// <summary>Concatenates the heads' outputs and maps them back to d, or returns the single head's output (H = 1, the paper).</summary>
    internal static Tensor CombineHeads(Tensor[] heads, Linear? output) =>
        heads.Length == 1 ? heads[0] : output!.Forward(Tensor.Concat(heads, 1));
}

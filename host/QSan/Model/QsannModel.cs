using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// QSANN (Li, Zhao, Wang, arXiv 2205.05625; docs/model.md): each token's d = n(D+2) embedding angles are encoded by the Q#
/// encoder circuit, the query, key and value ansatzes give q_s = ⟨Z₀⟩, k_s = ⟨Z₀⟩ and o_s ∈ R^d, and Gaussian
/// projected self-attention ã_{s,j} ∝ exp(−(q_s − k_j)²) updates y_s ← y_s + Σ_j ã_{s,j} o_j.
/// </summary>
public sealed class QsannModel : SentenceClassifier
{
    private readonly QsannLayer[] layers;
    private readonly DistinctIds distinctIds = new();

    /// <summary>Builds the model; parameters are drawn in the order embedding, layers, head.</summary>
    /// <param name="config">The architecture; its kind must be <see cref="ModelKind.Qsann"/>.</param>
    /// <param name="vocabularySize">Rows of the embedding table.</param>
    /// <param name="quantum">The quantum layer for the config's (n, D).</param>
    /// <param name="random">Source of the initial values.</param>
    public QsannModel(ModelConfig config, int vocabularySize, QuantumQkv quantum, Random random)
        : base(config, vocabularySize, random)
    {
        ArgumentNullException.ThrowIfNull(quantum);
        if (config.Kind != ModelKind.Qsann) throw new ArgumentException($"QsannModel needs a QSANN config; got {config.Kind}.", nameof(config));
        if (quantum.Dimension != config.Dimension)
            throw new ArgumentException($"The circuits take {quantum.Dimension} angles per token; n = {config.Qubits}, D = {config.Depth} needs {config.Dimension}.", nameof(quantum));
        Quantum = quantum;
        layers = new QsannLayer[config.Layers];
        for (var l = 0; l < layers.Length; l++)
            layers[l] = RegisterModule($"layer{l}", new QsannLayer(config.Dimension, config.Heads, config.InitStd, random));
        RegisterHead(random);
    }

    /// <summary>The quantum layer (engine and circuits).</summary>
    public QuantumQkv Quantum { get; }

    /// <summary>Layer <paramref name="layer"/>.</summary>
    public QsannLayer Layer(int layer) => layers[layer];

    /// <inheritdoc/>
    protected override Tensor Attend(int layer, Tensor y, int[] ids, int[] offsets, AttentionTrace? trace)
    {
        if (layer > 0 || PositionTable is not null) return layers[layer].Forward(Quantum, layer, y, null, offsets, trace);
        // Without positions, layer 0 sees embedding rows, so a word that occurs several times in the batch has the same circuits every time:
        // evaluate each distinct word once and gather (exact; about a third fewer circuits on review sentences).
        var (distinct, positions) = distinctIds.Find(ids, Embedding.Count);
        if (distinct.Length == ids.Length) return layers[0].Forward(Quantum, 0, y, null, offsets, trace);
        return layers[0].Forward(Quantum, 0, Embedding.Weight.IndexSelect(distinct), positions, offsets, trace);
    }
}

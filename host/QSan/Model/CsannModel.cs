using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// CSANN, the classical baseline: QSANN's pipeline (embeddings, residual Gaussian self-attention within sentences,
/// mean pooling, logistic head) with linear query, key and value maps in place of the circuits.
/// </summary>
public sealed class CsannModel : SentenceClassifier
{
    private readonly CsannLayer[] layers;

    /// <summary>Builds the model; parameters are drawn in the order embedding, layers, head.</summary>
    public CsannModel(ModelConfig config, int vocabularySize, Random random)
        : base(config, vocabularySize, random)
    {
        if (config.Kind != ModelKind.Csann) throw new ArgumentException($"CsannModel needs a CSANN config; got {config.Kind}.", nameof(config));
        layers = new CsannLayer[config.Layers];
        for (var l = 0; l < layers.Length; l++)
            layers[l] = RegisterModule($"layer{l}", new CsannLayer(config.Dimension, config.Heads, config.InitStd, random, config.Attention));
        RegisterHead(random);
    }

    /// <summary>Layer <paramref name="layer"/>.</summary>
    public CsannLayer Layer(int layer) => layers[layer];

    /// <inheritdoc/>
    protected override Tensor Attend(int layer, Tensor y, int[] ids, int[] offsets, AttentionTrace? trace) =>
        layers[layer].Forward(layer, y, offsets, trace);
}

using QSan.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Model;

/// <summary>CSANN, the classical baseline, on TorchSharp: linear query, key and value maps per head, Gaussian projected or
/// scaled dot-product softmax attention.</summary>
public sealed class CsannClassifier : TorchSentenceClassifier
{
    private readonly CsannAttentionLayer[] layers;

    /// <summary>Builds the model with TorchSharp's initialisation.</summary>
    public CsannClassifier(ModelConfig config, int vocabularySize)
        : base(nameof(CsannClassifier), config, vocabularySize)
    {
        if (config.Kind != ModelKind.Csann) throw new ArgumentException($"CsannClassifier needs a CSANN config; got {config.Kind}.", nameof(config));
        layers = new CsannAttentionLayer[config.Layers];
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = new CsannAttentionLayer(config.Dimension, config.Heads, config.Attention);
            register_module($"layer{l}", layers[l]);
        }
        RegisterHead();
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<CsannAttentionLayer> Layers => layers;

    internal override Tensor Attend(Tensor y, TokenSlots slots, int[] ids)
    {
        foreach (var layer in layers) y = layer.forward(y, slots.Mask, slots);
        return y;
    }
}

/// <summary>One CSANN layer: per head q = W_q y, k = W_k y, o = W_v y (d×d, no bias) and, for H &gt; 1, W_O back to d.</summary>
public sealed class CsannAttentionLayer : nn.Module
{
    private readonly Linear[] queries;
    private readonly Linear[] keys;
    private readonly Linear[] values;
    private readonly AttentionKind kind;

    internal CsannAttentionLayer(int dimension, int heads, AttentionKind kind)
        : base(nameof(CsannAttentionLayer))
    {
        this.kind = kind;
        queries = new Linear[heads];
        keys = new Linear[heads];
        values = new Linear[heads];
        for (var h = 0; h < heads; h++)
        {
            register_module($"query{h}", queries[h] = nn.Linear(dimension, dimension, hasBias: false, dtype: ScalarType.Float64));
            register_module($"key{h}", keys[h] = nn.Linear(dimension, dimension, hasBias: false, dtype: ScalarType.Float64));
            register_module($"value{h}", values[h] = nn.Linear(dimension, dimension, hasBias: false, dtype: ScalarType.Float64));
        }
        if (heads > 1) register_module("output", Output = nn.Linear(heads * dimension, dimension, hasBias: false, dtype: ScalarType.Float64));
    }

    /// <summary>W_O when H &gt; 1.</summary>
    public Linear? Output { get; }

    internal Tensor forward(Tensor y, Tensor? mask, TokenSlots slots)
    {
        var outputs = new Tensor[queries.Length];
        for (var h = 0; h < outputs.Length; h++)
        {
            var q = queries[h].forward(y);
            var k = keys[h].forward(y);
            var attention = kind == AttentionKind.Softmax ? Attention.ScaledDot(q, k, mask) : Attention.Gaussian(q, k, mask);
            outputs[h] = attention.bmm(values[h].forward(y));
        }
        var combined = outputs.Length == 1 ? outputs[0] : Output!.forward(cat(outputs, 2));
        return y + slots.ZeroPadding(combined);
    }
}

using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// One QSANN self-attention layer: per head its own branch weights θ = [θ_q; θ_k; θ_v] ([3 × d]), and for H &gt; 1 a
/// learned map from the concatenated heads back to d.
/// </summary>
public sealed class QsannLayer : Module
{
    private readonly Tensor[] weights;

    /// <summary>Creates the layer with weights from N(0, <paramref name="initStd"/>²).</summary>
    public QsannLayer(int dimension, int heads, double initStd, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        weights = new Tensor[heads];
        for (var h = 0; h < heads; h++)
            weights[h] = RegisterParameter($"head{h}", Tensor.Normal([3, dimension], 0.0, initStd, random));
        // The output map is beyond the paper; PyTorch's default initialisation keeps the heads' sum at unit scale.
        Output = heads > 1 ? RegisterModule("output", new Linear(heads * dimension, dimension, random, bias: false)) : null;
    }

    /// <summary>Head <paramref name="head"/>'s weights: rows θ_q, θ_k, θ_v.</summary>
    public Tensor Weights(int head) => weights[head];

    /// <summary>Number of heads.</summary>
    public int HeadCount => weights.Length;

    /// <summary>The map [tokens × H·d] → [tokens × d] when H &gt; 1.</summary>
    public Linear? Output { get; }

    /// <summary>Σ_j ã_{s,j} o_j for every token, heads combined.</summary>
    internal Tensor Forward(QuantumQkv quantum, int layer, Tensor y, int[] offsets, AttentionTrace? trace)
    {
        var d = quantum.Dimension;
        var heads = new Tensor[weights.Length];
        for (var h = 0; h < heads.Length; h++)
        {
            var qkv = quantum.Apply(y, weights[h]);
            var q = qkv.Narrow(1, 0, 1);
            var k = qkv.Narrow(1, 1, 1);
            var v = qkv.Narrow(1, 2, d);
            trace?.Record(layer, h, q.Data, k.Data, 1, offsets);
            heads[h] = Functional.GaussianAttention(q, k, v, offsets);
        }
        return SentenceClassifier.CombineHeads(heads, Output);
    }
}

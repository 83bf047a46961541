using QSan.Autograd;

namespace QSan.Model;

/// <summary>
/// One CSANN self-attention layer: per head linear maps q_s = W_q y_s, k_s = W_k y_s, o_s = W_v y_s (d×d, no bias, as
/// the paper counts 785 parameters at d = 16), Gaussian projected attention on the vectors q and k, and for H &gt; 1 a
/// learned map from the concatenated heads back to d.
/// </summary>
public sealed class CsannLayer : Module
{
    private readonly Linear[] queries;
    private readonly Linear[] keys;
    private readonly Linear[] values;

    private readonly AttentionKind attention;

    /// <summary>Creates the layer with weights from N(0, <paramref name="initStd"/>²).</summary>
    /// <param name="dimension">d.</param>
    /// <param name="heads">H.</param>
    /// <param name="initStd">σ of the query, key and value maps.</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="attention">Gaussian projected (the paper) or scaled dot-product softmax attention.</param>
    public CsannLayer(int dimension, int heads, double initStd, Random random, AttentionKind attention = AttentionKind.Gaussian)
    {
        this.attention = attention;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        queries = new Linear[heads];
        keys = new Linear[heads];
        values = new Linear[heads];
        for (var h = 0; h < heads; h++)
        {
            queries[h] = RegisterModule($"query{h}", new Linear(dimension, dimension, random, bias: false, initStd: initStd));
            keys[h] = RegisterModule($"key{h}", new Linear(dimension, dimension, random, bias: false, initStd: initStd));
            values[h] = RegisterModule($"value{h}", new Linear(dimension, dimension, random, bias: false, initStd: initStd));
        }
        Output = heads > 1 ? RegisterModule("output", new Linear(heads * dimension, dimension, random, bias: false)) : null;
    }

    /// <summary>The map [tokens × H·d] → [tokens × d] when H &gt; 1.</summary>
    public Linear? Output { get; }

    /// <summary>Σ_j ã_{s,j} o_j for every token, heads combined.</summary>
    internal Tensor Forward(int layer, Tensor y, int[] offsets, AttentionTrace? trace)
    {
        var heads = new Tensor[queries.Length];
        for (var h = 0; h < heads.Length; h++)
        {
            var q = queries[h].Forward(y);
            var k = keys[h].Forward(y);
            trace?.Record(layer, h, q.Data, k.Data, q.Shape[1], offsets);
            heads[h] = attention == AttentionKind.Softmax
                ? SoftmaxAttention.Apply(q, k, values[h].Forward(y), offsets)
                : VectorGaussianAttention.Apply(q, k, values[h].Forward(y), offsets);
        }
        return SentenceClassifier.CombineHeads(heads, Output);
    }
}

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
    /// <param name="quantum">The quantum layer.</param>
    /// <param name="layer">This layer's index (for the trace).</param>
    /// <param name="rows">The vectors to run the circuits on: one per token, or one per distinct token with <paramref name="positions"/>.</param>
    /// <param name="positions">Null, or for each token the row of <paramref name="rows"/> that holds its vector.</param>
    /// <param name="offsets">Sentence boundaries.</param>
    /// <param name="trace">Receives the queries and keys when given.</param>
    internal Tensor Forward(QuantumQkv quantum, int layer, Tensor rows, int[]? positions, int[] offsets, AttentionTrace? trace)
    {
        var heads = new Tensor[weights.Length];
        for (var h = 0; h < heads.Length; h++)
        {
            var qkv = quantum.Apply(rows, weights[h]);
            if (trace is not null) RecordQueriesAndKeys(trace, layer, h, qkv, positions, offsets);
            heads[h] = Functional.GaussianAttention(qkv, positions, offsets);
        }
        return SentenceClassifier.CombineHeads(heads, Output);
    }

    private static void RecordQueriesAndKeys(AttentionTrace trace, int layer, int head, Tensor qkv, int[]? positions, int[] offsets)
    {
        var width = qkv.Shape[1];
        var tokens = positions?.Length ?? qkv.Shape[0];
        var queries = new double[tokens];
        var keys = new double[tokens];
        for (var t = 0; t < tokens; t++)
        {
            var row = positions is null ? t : positions[t];
            queries[t] = qkv.Data[row * width];
            keys[t] = qkv.Data[row * width + 1];
        }
        trace.Record(layer, head, queries, keys, 1, offsets);
    }
}

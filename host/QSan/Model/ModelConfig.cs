using System.Text.Json.Serialization;

namespace QSan.Model;

/// <summary>The architecture of a sentence classifier; everything needed to rebuild it before loading its weights.</summary>
/// <param name="Kind">QSANN or CSANN.</param>
/// <param name="Qubits">n, qubits per token (QSANN).</param>
/// <param name="Depth">D, entangling layers of each ansatz (QSANN).</param>
/// <param name="Layers">L, self-attention layers, each with its own query, key and value parameters.</param>
/// <param name="Heads">H, attention heads per layer; H = 1 is the paper's model (no output map).</param>
/// <param name="ClassicalDimension">d of CSANN's token vectors (QSANN's d is n(D+2)).</param>
/// <param name="InitStd">Standard deviation of the N(0, σ²) initialisation of every parameter outside the embeddings.</param>
/// <param name="EmbeddingInitStd">Standard deviation of the initial token embeddings.</param>
/// <param name="Positions">Rows of learned position angles added to the token vectors: a sentence's i-th token gets row
/// min(i, Positions − 1). 0 (the paper) leaves the model blind to word order.</param>
/// <param name="Attention">CSANN's attention kernel: Gaussian projected (the paper's, default) or scaled dot-product softmax.</param>
public sealed record ModelConfig(
    ModelKind Kind = ModelKind.Qsann,
    int Qubits = 4,
    int Depth = 1,
    int Layers = 1,
    int Heads = 1,
    int ClassicalDimension = 16,
    double InitStd = 0.01,
    double EmbeddingInitStd = 0.01,
    int Positions = 0,
    AttentionKind Attention = AttentionKind.Gaussian)
{
    /// <summary>d: angles per token for QSANN (n(D+2)), or <see cref="ClassicalDimension"/> for CSANN.</summary>
    [JsonIgnore]
    public int Dimension => Kind == ModelKind.Qsann ? Qubits * (Depth + 2) : ClassicalDimension;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public ModelConfig Validate()
    {
        if (Qubits < 1) throw new ArgumentException($"The number of qubits must be at least 1; got {Qubits}.");
        if (Qubits > 20) throw new ArgumentException($"At most 20 qubits per token are simulated; got {Qubits}.");
        if (Depth < 0) throw new ArgumentException($"The ansatz depth must be at least 0; got {Depth}.");
        if (Layers < 1) throw new ArgumentException($"The number of layers must be at least 1; got {Layers}.");
        if (Heads < 1) throw new ArgumentException($"The number of heads must be at least 1; got {Heads}.");
        if (ClassicalDimension < 1) throw new ArgumentException($"The classical dimension must be at least 1; got {ClassicalDimension}.");
        if (!(InitStd >= 0) || double.IsInfinity(InitStd)) throw new ArgumentException($"The initial standard deviation must be a finite number ≥ 0; got {InitStd}.");
        if (!(EmbeddingInitStd >= 0) || double.IsInfinity(EmbeddingInitStd))
            throw new ArgumentException($"The embeddings' initial standard deviation must be a finite number ≥ 0; got {EmbeddingInitStd}.");
        if (Positions < 0) throw new ArgumentException($"The number of learned positions must be at least 0; got {Positions}.");
        return this;
    }

    /// <summary>One line for headers: "QSANN n = 4, D = 1, d = 12, L = 1, H = 1" (or CSANN's d, L, H), and the learned positions if any.</summary>
    public string Describe()
    {
        var sizes = Kind == ModelKind.Qsann
            ? $"QSANN n = {Qubits}, D = {Depth}, d = {Dimension}, L = {Layers}, H = {Heads}"
            : $"CSANN d = {Dimension}, L = {Layers}, H = {Heads}{(Attention == AttentionKind.Softmax ? ", softmax attention" : "")}";
        return Positions > 0 ? $"{sizes}, {Positions} learned positions" : sizes;
    }

    /// <summary>
    /// Parameters outside the embeddings, as the paper counts them: per layer and head the query, key and value
    /// parameters (QSANN 3d angles, CSANN three d×d matrices), an output map H·d → d per layer when H &gt; 1, the
    /// position table's Positions·d angles (beyond the paper), and the head's d weights and bias. QSANN n = 2, D = 1
    /// gives 25; n = 4 gives 49; CSANN d = 16 gives 785.
    /// </summary>
    [JsonIgnore]
    public int ParameterCount
    {
        get
        {
            var d = Dimension;
            var perHead = Kind == ModelKind.Qsann ? 3 * d : 3 * d * d;
            var outputMap = Heads > 1 ? Heads * d * d : 0;
            return Layers * (Heads * perHead + outputMap) + Positions * d + d + 1;
        }
    }
}

using QSan.Model;
using static TorchSharp.torch;

namespace QSan.Torch.Model;

/// <summary>QSANN (docs/model.md) on TorchSharp: <see cref="TorchSentenceClassifier"/> with <see cref="QuantumSelfAttention"/> layers.</summary>
public sealed class QsannClassifier : TorchSentenceClassifier
{
    private const string AttentionName = "attention";

    /// <summary>Builds the model with TorchSharp's initialisation (load QSan weights with <see cref="TorchSentenceClassifier.LoadStateDict"/>).</summary>
    /// <param name="config">A QSANN architecture.</param>
    /// <param name="vocabularySize">Rows of the embedding table.</param>
    /// <param name="quantum">The engine and the circuits for the config's (n, D).</param>
    public QsannClassifier(ModelConfig config, int vocabularySize, QuantumQkv quantum)
        : base(nameof(QsannClassifier), config, vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(quantum);
        if (config.Kind != ModelKind.Qsann) throw new ArgumentException($"QsannClassifier needs a QSANN config; got {config.Kind}.", nameof(config));
        if (quantum.Dimension != config.Dimension)
            throw new ArgumentException($"The circuits take {quantum.Dimension} angles per token; n = {config.Qubits}, D = {config.Depth} needs {config.Dimension}.", nameof(quantum));
        Attention = new QuantumSelfAttention(quantum.Engine, quantum.Circuit, config.Heads, config.Layers, config.InitStd);
        register_module(AttentionName, Attention);
        RegisterHead();
    }

    /// <summary>The quantum self-attention layers.</summary>
    public QuantumSelfAttention Attention { get; }

    internal override Tensor Attend(Tensor y, TokenSlots slots, int[] ids)
    {
        if (Positions is not null) return Attention.Forward(y, slots, slots.Rows(y), slots.Identity);
        // Without positions, layer 0 sees embedding rows: a word that occurs several times in the batch runs its circuits once.
        var (distinct, slotRows) = DistinctRows(ids, slots);
        return Attention.Forward(y, slots, Embedding.weight!.index_select(0, distinct), slotRows);
    }

    /// <inheritdoc/>
    protected override string QSanName(string torchName) =>
        torchName.StartsWith(AttentionName + ".", StringComparison.Ordinal) ? torchName[(AttentionName.Length + 1)..] : torchName;

    private static (Tensor Distinct, Tensor SlotRows) DistinctRows(int[] ids, TokenSlots slots)
    {
        var rowOfId = new Dictionary<int, int>();
        var distinct = new List<long>();
        var tokenRows = new long[ids.Length];
        for (var t = 0; t < ids.Length; t++)
        {
            if (!rowOfId.TryGetValue(ids[t], out var row))
            {
                row = distinct.Count;
                rowOfId[ids[t]] = row;
                distinct.Add(ids[t]);
            }
            tokenRows[t] = row;
        }
        // Identity maps a slot to its token; the token's row among the distinct ids is one gather further.
        return (tensor(distinct.ToArray(), ScalarType.Int64), tensor(tokenRows, ScalarType.Int64).index_select(0, slots.Identity));
    }
}

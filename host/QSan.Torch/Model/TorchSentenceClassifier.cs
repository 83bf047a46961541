using System.Runtime.InteropServices;
using QSan.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Model;

/// <summary>
/// QSANN's and CSANN's shared pipeline on TorchSharp (the same model as <see cref="SentenceClassifier"/>): token
/// embeddings (plus learned position angles when configured), L residual self-attention layers within each sentence,
/// mean pooling and the logistic head z = w · mean + b. Parameters carry QSan's names (<see cref="StateDict"/>), so
/// a checkpoint of either implementation loads into the other.
/// </summary>
public abstract class TorchSentenceClassifier : nn.Module
{
    /// <summary>Registers the embedding tables; subclasses register their layers, then <see cref="RegisterHead"/>.</summary>
    protected TorchSentenceClassifier(string name, ModelConfig config, int vocabularySize)
        : base(name)
    {
        TorchRuntime.EnsureLoaded();
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        Config = config.Validate();
        Embedding = nn.Embedding(vocabularySize, config.Dimension, dtype: ScalarType.Float64);
        register_module("embedding", Embedding);
        if (config.Positions > 0)
        {
            Positions = nn.Embedding(config.Positions, config.Dimension, dtype: ScalarType.Float64);
            register_module("positions", Positions);
        }
    }

    /// <summary>The architecture.</summary>
    public ModelConfig Config { get; }

    /// <summary>d.</summary>
    public int Dimension => Config.Dimension;

    /// <summary>The token vectors (QSANN: encoder angles), [vocabulary, d].</summary>
    public Embedding Embedding { get; }

    /// <summary>The learned position angles [positions, d], or null (the paper's order-blind model).</summary>
    public Embedding? Positions { get; }

    /// <summary>The head w · mean + b.</summary>
    public Linear Head { get; private set; } = null!;

    /// <summary>
    /// The logits z (p = σ(z)) of a ragged batch: <paramref name="ids"/> holds the sentences' tokens concatenated and
    /// <paramref name="offsets"/> = [0, end of sentence 0, …, tokens]; every sentence needs a token. [sentences].
    /// </summary>
    public Tensor forward(int[] ids, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        CheckOffsets(ids, offsets);
        var (slots, tokenSlots) = TokenSlots.FromOffsets(offsets, Dimension);
        var vectors = Embedding.forward(LongIds(ids));
        if (Positions is not null) vectors = vectors + Positions.forward(LongIds(SentenceClassifier.PositionIds(offsets, (int)Positions.weight!.size(0))));
        var y = zeros([slots.Batch * slots.Length, Dimension], ScalarType.Float64).index_copy(0, tokenSlots, vectors).reshape(slots.Batch, slots.Length, Dimension);
        y = Attend(y, slots, ids);
        return Head.forward(slots.Mean(y)).reshape(slots.Batch);
    }

    /// <summary>The token vectors after all attention layers, [batch, tokens, d]; <paramref name="y"/> enters layer 0
    /// (embedding rows of <paramref name="ids"/>, plus position angles when learned).</summary>
    internal abstract Tensor Attend(Tensor y, TokenSlots slots, int[] ids);

    /// <summary>Registers the head; call after the layers so parameters are listed in pipeline order.</summary>
    protected void RegisterHead()
    {
        Head = nn.Linear(Dimension, 1, hasBias: true, dtype: ScalarType.Float64);
        register_module("head", Head);
    }

    /// <summary>The QSan name of a TorchSharp parameter name (they differ where a TorchSharp module groups QSan's layers).</summary>
    protected virtual string QSanName(string torchName) => torchName;

    /// <summary>Every parameter's values under its QSan name, as <see cref="QSan.Autograd.Module.StateDict"/> gives them.</summary>
    public Dictionary<string, double[]> StateDict()
    {
        var state = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, p) in named_parameters()) state[QSanName(name)] = p.detach().contiguous().data<double>().ToArray();
        return state;
    }

    /// <summary>Copies values by QSan name into the parameters; every parameter must be present with its size, no other name may appear.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, double[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var named = named_parameters().Select(n => (Name: QSanName(n.name), n.parameter)).ToList();
        foreach (var (name, p) in named)
        {
            if (!state.TryGetValue(name, out var values)) throw new ArgumentException($"State has no values for parameter '{name}'.");
            if (values.Length != p.numel()) throw new ArgumentException($"State has {values.Length} values for parameter '{name}', which has {p.numel()}.");
        }
        var known = named.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in state.Keys)
            if (!known.Contains(name)) throw new ArgumentException($"State has values for '{name}', which is not a parameter of this model.");
        using var _ = no_grad();
        foreach (var (name, p) in named) state[name].AsSpan().CopyTo(MemoryMarshal.Cast<byte, double>(p.bytes));
    }

    /// <summary>Trainable values outside the embedding table (the paper's parameter count).</summary>
    public long ParametersOutsideEmbeddings => parameters().Sum(p => p.numel()) - Embedding.weight!.numel();

    private static Tensor LongIds(int[] ids) => tensor(ids.Select(i => (long)i).ToArray(), ScalarType.Int64);

    private static void CheckOffsets(int[] ids, int[] offsets)
    {
        if (offsets.Length < 2 || offsets[0] != 0 || offsets[^1] != ids.Length)
            throw new ArgumentException($"Offsets must run from 0 to the {ids.Length} tokens with one entry per sentence boundary.", nameof(offsets));
        for (var s = 0; s + 1 < offsets.Length; s++)
            if (offsets[s + 1] <= offsets[s]) throw new ArgumentException($"Sentence {s} has no tokens (offsets {offsets[s]}, {offsets[s + 1]}).", nameof(offsets));
    }
}

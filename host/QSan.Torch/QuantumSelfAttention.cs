using QSan.Model;
using QSan.Quantum.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch;

/// <summary>
/// QSANN's self-attention as a TorchSharp module (docs/model.md), to drop into any TorchSharp model as PennyLane's
/// <c>TorchLayer</c> drops circuits into PyTorch: token vectors [batch, tokens, d] are the Q# encoder's angles, the
/// query, key and value circuits run for every token of the batch in one engine call per layer and head
/// (<see cref="QuantumCircuits"/>), Gaussian projected attention ã_{s,j} ∝ exp(−(q_s − k_j)²) stays within each
/// sentence (padding masked), and each layer adds its output to its input (y ← y + Σ_j ã_{s,j} o_j). With H &gt; 1
/// heads a layer maps the concatenated heads back to d; with L &gt; 1 layers they run one after the other.
/// </summary>
/// <remarks>Works in float64 (the engines' precision); other inputs are converted and the result converted back.</remarks>
public sealed class QuantumSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly QuantumAttentionLayer[] layers;

    /// <summary>Creates the layers with weights from N(0, <paramref name="initStd"/>²).</summary>
    /// <param name="engine">Runs the circuits: <see cref="NativeEngine"/>, <see cref="DensityMatrixEngine"/> with a noise
    /// model, a shot engine or Microsoft's simulator (the last two differentiated by parameter shift).</param>
    /// <param name="circuit">A QSANN circuit family (encoder prefix, branches query, key, value), e.g. from
    /// <c>new QSharpCircuitSource().Circuits(n, D).Circuit</c>.</param>
    /// <param name="heads">H, heads per layer.</param>
    /// <param name="layers">L, layers.</param>
    /// <param name="initStd">σ of the circuit weights (the output maps W_O of H &gt; 1 heads start as nn.Linear does).</param>
    /// <param name="generator">Source of the initial values, or null for TorchSharp's global generator.</param>
    public QuantumSelfAttention(IQuantumEngine engine, Quantum.Circuits.BranchedCircuit circuit, int heads = 1, int layers = 1, double initStd = 0.01,
        Generator? generator = null)
        : base(nameof(QuantumSelfAttention))
    {
        TorchRuntime.EnsureLoaded();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        // QuantumQkv checks that the circuit is a QSANN family (three branches, d weights each, d value observables).
        var differentiable = engine as IDifferentiableEngine ?? new ParameterShiftGradient(engine ?? throw new ArgumentNullException(nameof(engine)));
        Circuits = new QuantumQkv(differentiable, circuit);
        this.layers = new QuantumAttentionLayer[layers];
        for (var l = 0; l < layers; l++)
        {
            this.layers[l] = new QuantumAttentionLayer(Circuits, heads, initStd, generator);
            register_module($"layer{l}", this.layers[l]);
        }
    }

    /// <summary>The engine and the validated circuits.</summary>
    public QuantumQkv Circuits { get; }

    /// <summary>d: angles per token.</summary>
    public int Dimension => Circuits.Dimension;

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<QuantumAttentionLayer> Layers => layers;

    /// <summary>Keeps every head's attention weights of the last forward pass (<see cref="QuantumAttentionLayer.LastAttention"/>).</summary>
    public bool RecordAttention
    {
        get => layers[0].RecordAttention;
        set
        {
            foreach (var layer in layers) layer.RecordAttention = value;
        }
    }

    /// <summary>Every token of <paramref name="x"/> [batch, tokens, d] attends to every token of its row.</summary>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>
    /// <paramref name="x"/> [batch, tokens, d]; <paramref name="mask"/> [batch, tokens] (true: a token, false: padding)
    /// or null for none. Padding neither attends nor is attended to, and its rows pass through unchanged.
    /// </summary>
    public Tensor forward(Tensor x, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(x);
        var dtype = x.dtype;
        var y = dtype == ScalarType.Float64 ? x : x.to(ScalarType.Float64);
        var slots = TokenSlots.Of(y, mask, Dimension);
        var rows = slots.Rows(y);
        for (var l = 0; l < layers.Length; l++)
        {
            y = layers[l].forward(y, slots, rows, slots.Identity);
            if (l + 1 < layers.Length) rows = slots.Rows(y);
        }
        return dtype == ScalarType.Float64 ? y : y.to(dtype);
    }

    /// <summary>The circuit rows' layer-0 form: a caller that knows several tokens share a vector (a word's embedding row)
    /// passes each distinct vector once in <paramref name="rows"/> and, for every slot, its row (exact, fewer circuits).</summary>
    internal Tensor Forward(Tensor x, TokenSlots slots, Tensor rows, Tensor slotRows)
    {
        var y = layers[0].forward(x, slots, rows, slotRows);
        for (var l = 1; l < layers.Length; l++) y = layers[l].forward(y, slots, slots.Rows(y), slots.Identity);
        return y;
    }
}

/// <summary>
/// One layer of <see cref="QuantumSelfAttention"/>: per head its branch weights θ = [θ_q; θ_k; θ_v] ([3, d]) and, for
/// H &gt; 1, the map W_O from the concatenated heads back to d.
/// </summary>
public sealed class QuantumAttentionLayer : nn.Module
{
    private readonly QuantumQkv circuits;
    private readonly Parameter[] heads;

    internal QuantumAttentionLayer(QuantumQkv circuits, int heads, double initStd, Generator? generator)
        : base(nameof(QuantumAttentionLayer))
    {
        this.circuits = circuits;
        var d = circuits.Dimension;
        this.heads = new Parameter[heads];
        for (var h = 0; h < heads; h++)
        {
            this.heads[h] = new Parameter(normal(0.0, initStd, [3, d], ScalarType.Float64, generator: generator));
            register_parameter($"head{h}", this.heads[h]);
        }
        if (heads > 1)
        {
            Output = nn.Linear(heads * d, d, hasBias: false, dtype: ScalarType.Float64);
            register_module("output", Output);
        }
    }

    /// <summary>Head <paramref name="head"/>'s weights: rows θ_q, θ_k, θ_v.</summary>
    public Parameter Weights(int head) => heads[head];

    /// <summary>H.</summary>
    public int HeadCount => heads.Length;

    /// <summary>W_O: [H·d → d] when H &gt; 1, else null.</summary>
    public Linear? Output { get; }

    /// <summary>Whether <see cref="LastAttention"/> is kept.</summary>
    public bool RecordAttention { get; set; }

    /// <summary>Per head, ã of the last forward pass [batch, tokens, tokens] (detached), when <see cref="RecordAttention"/> is set.</summary>
    public IReadOnlyList<Tensor> LastAttention { get; private set; } = [];

    /// <summary>y + attention(y) for the tokens of <paramref name="slots"/>; the circuits run on <paramref name="rows"/>
    /// and slot i reads row <paramref name="slotRows"/>[i].</summary>
    internal Tensor forward(Tensor y, TokenSlots slots, Tensor rows, Tensor slotRows)
    {
        var d = circuits.Dimension;
        var outputs = new Tensor[heads.Length];
        var recorded = RecordAttention ? new Tensor[heads.Length] : null;
        for (var h = 0; h < heads.Length; h++)
        {
            var qkv = QuantumCircuits.Apply(circuits.Engine, circuits.Circuit, rows, heads[h]).index_select(0, slotRows).reshape(slots.Batch, slots.Length, d + 2);
            var q = qkv.narrow(2, 0, 1);
            var k = qkv.narrow(2, 1, 1);
            var v = qkv.narrow(2, 2, d);
            var attention = Attention.Gaussian(q, k, slots.Mask);
            if (recorded is not null) recorded[h] = attention.detach();
            outputs[h] = attention.bmm(v);
        }
        if (recorded is not null) LastAttention = recorded;
        var combined = heads.Length == 1 ? outputs[0] : Output!.forward(cat(outputs, 2));
        return y + slots.ZeroPadding(combined);
    }
}

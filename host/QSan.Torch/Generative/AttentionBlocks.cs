using QSan.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>
/// A self-attention block over the positions of a feature map [batch, channels, h, w]: out = x + γ · A(x), with γ a
/// learned scalar that starts at 0 (SAGAN, Zhang et al. 2019), so training starts from the network without the block
/// and lets it in as it helps.
/// </summary>
public abstract class GatedAttention : nn.Module<Tensor, Tensor>
{
    /// <summary>Registers γ = 0.</summary>
    protected GatedAttention(string name, int channels, int heads)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        Channels = channels;
        Heads = heads;
        Gate = new Parameter(zeros(1, dtype: ScalarType.Float32));
        register_parameter("gate", Gate);
    }

    /// <summary>Channels of the feature map.</summary>
    public int Channels { get; }

    /// <summary>Heads.</summary>
    public int Heads { get; }

    /// <summary>γ.</summary>
    public Parameter Gate { get; }

    /// <summary>Trainable values of the block, γ included.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.size(1) != Channels)
            throw new ArgumentException($"The block takes feature maps [batch, {Channels}, h, w]; got [{string.Join(", ", input.shape)}].", nameof(input));
        return input + Gate * Attend(input);
    }

    /// <summary>A(x) for <paramref name="x"/> [batch, channels, h, w], of the same shape.</summary>
    protected abstract Tensor Attend(Tensor x);

    /// <summary>[batch, channels, h, w] → [batch, positions, channels].</summary>
    protected static Tensor Positions(Tensor map) => map.flatten(2).transpose(1, 2);

    /// <summary>[batch, positions, channels] → [batch, channels, h, w] shaped like <paramref name="like"/>.</summary>
    protected static Tensor Map(Tensor positions, Tensor like) =>
        positions.transpose(1, 2).reshape(like.size(0), positions.size(2), like.size(2), like.size(3));
}

/// <summary>
/// SAGAN's block with heads: per head 1×1 convolutions to queries and keys (d_key) and values (d_value),
/// softmax_j(q_s · k_j / √d_key) over all positions of the image, the heads' outputs concatenated and mapped back to
/// the channels by W_O (a 1×1 convolution). With <see cref="GanOptions.GeneratorSpectralNorm"/> every 1×1 convolution
/// is spectrally normalised, as in SAGAN's generator.
/// </summary>
public sealed class ClassicalAttention : GatedAttention
{
    private readonly ConvLayer query;
    private readonly ConvLayer key;
    private readonly ConvLayer value;
    private readonly ConvLayer output;

    /// <summary>Builds the block.</summary>
    public ClassicalAttention(int channels, int heads, int keyWidth, int valueWidth, bool spectralNorm, Generator generator)
        : base(nameof(ClassicalAttention), channels, heads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keyWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(valueWidth);
        KeyWidth = keyWidth;
        ValueWidth = valueWidth;
        register_module("query", query = new ConvLayer(channels, heads * keyWidth, 1, 1, 0, spectralNorm, generator));
        register_module("key", key = new ConvLayer(channels, heads * keyWidth, 1, 1, 0, spectralNorm, generator));
        register_module("value", value = new ConvLayer(channels, heads * valueWidth, 1, 1, 0, spectralNorm, generator));
        register_module("output", output = new ConvLayer(heads * valueWidth, channels, 1, 1, 0, spectralNorm, generator));
    }

    /// <summary>d_key per head.</summary>
    public int KeyWidth { get; }

    /// <summary>d_value per head.</summary>
    public int ValueWidth { get; }

    /// <summary>Parameters of the block for these sizes, γ included (without building it).</summary>
    public static long CountParameters(int channels, int heads, int keyWidth, int valueWidth) =>
        2L * (channels + 1) * heads * keyWidth + (channels + 1L) * heads * valueWidth + (heads * (long)valueWidth + 1) * channels + 1;

    /// <inheritdoc/>
    protected override Tensor Attend(Tensor x)
    {
        var batch = x.size(0);
        var positions = x.size(2) * x.size(3);
        // [batch·heads, positions, width] per projection.
        Tensor Split(Tensor projected, int width) =>
            projected.reshape(batch * Heads, width, positions).transpose(1, 2);
        var q = Split(query.forward(x), KeyWidth);
        var k = Split(key.forward(x), KeyWidth);
        var v = Split(value.forward(x), ValueWidth);
        var attention = Attention.ScaledDot(q, k, null);
        var attended = attention.bmm(v).transpose(1, 2).reshape(batch, Heads * ValueWidth, x.size(2), x.size(3));
        return output.forward(attended);
    }
}

/// <summary>
/// The quantum block: each position's feature vector becomes d encoder angles through a 1×1 convolution; the Q# query,
/// key and value circuits run for every position of every image of the minibatch in one engine call per head
/// (<see cref="QuantumCircuits.Apply"/>, float64, backward by the engine's vector–Jacobian product); the attention
/// weights are QSANN's Gaussian projection softmax_j(−(q_s − k_j)²) of the scalar query and key expectations (or
/// softmax_j(q_s · k_j)); each head's d value expectations are averaged with them, and W_O (a 1×1 convolution) maps
/// the heads back to the channels.
/// </summary>
public sealed class QuantumAttention : GatedAttention
{
    private readonly QuantumQkv circuits;
    private readonly ConvLayer encoder;
    private readonly Parameter[] weights;
    private readonly ConvLayer output;

    /// <summary>Builds the block; circuit weights start N(0, <paramref name="initStd"/>²), as QSANN's.</summary>
    public QuantumAttention(int channels, int heads, QuantumQkv circuits, QuantumScores scores, bool spectralNorm, Generator generator, double initStd = 0.01)
        : base(nameof(QuantumAttention), channels, heads)
    {
        this.circuits = circuits ?? throw new ArgumentNullException(nameof(circuits));
        Scores = scores;
        var d = circuits.Dimension;
        register_module("encoder", encoder = new ConvLayer(channels, d, 1, 1, 0, spectralNorm, generator));
        weights = new Parameter[heads];
        for (var h = 0; h < heads; h++)
        {
            weights[h] = new Parameter(randn([3, d], dtype: ScalarType.Float64, generator: generator) * initStd);
            register_parameter($"circuits{h}", weights[h]);
        }
        register_module("output", output = new ConvLayer(heads * d, channels, 1, 1, 0, spectralNorm, generator));
    }

    /// <summary>How the query and key expectations become attention weights.</summary>
    public QuantumScores Scores { get; }

    /// <summary>d: angles per position.</summary>
    public int Dimension => circuits.Dimension;

    /// <summary>Head <paramref name="head"/>'s circuit weights: rows θ_q, θ_k, θ_v.</summary>
    public Parameter CircuitWeights(int head) => weights[head];

    /// <summary>Parameters of the block for these sizes, γ included (without building it).</summary>
    public static long CountParameters(int channels, int heads, int dimension) =>
        (channels + 1L) * dimension + 3L * heads * dimension + (heads * (long)dimension + 1) * channels + 1;

    /// <inheritdoc/>
    protected override Tensor Attend(Tensor x)
    {
        var d = Dimension;
        var batch = x.size(0);
        var positions = x.size(2) * x.size(3);
        // Every position of every image is one row of angles: one engine call per head covers the minibatch.
        var angles = Positions(encoder.forward(x)).reshape(batch * positions, d).to(ScalarType.Float64);
        var heads = new Tensor[Heads];
        for (var h = 0; h < Heads; h++)
        {
            var qkv = QuantumCircuits.Apply(circuits.Engine, circuits.Circuit, angles, weights[h]).reshape(batch, positions, d + 2);
            var q = qkv.narrow(2, 0, 1);
            var k = qkv.narrow(2, 1, 1);
            var v = qkv.narrow(2, 2, d);
            var attention = Scores == QuantumScores.Gaussian ? Attention.Gaussian(q, k, null) : nn.functional.softmax(q.bmm(k.transpose(1, 2)), -1);
            heads[h] = attention.bmm(v);
        }
        var combined = (Heads == 1 ? heads[0] : cat(heads, 2)).to(x.dtype);
        return output.forward(Map(combined, x));
    }
}

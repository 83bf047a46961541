using QSan.Generative;
using QSan.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>The sizes of the networks for one image size, and of each kind's attention block.</summary>
/// <param name="Height">Image rows (a multiple of 4).</param>
/// <param name="Width">Image columns (a multiple of 4).</param>
/// <param name="Channels">c, the networks' base width.</param>
/// <param name="AttentionSide">The side (rows) of the map the attention block sits on: H/4 (2c channels) or H/2 (c channels).</param>
/// <param name="KeyWidth">d_key per head of the classical block (0 for the other kinds).</param>
/// <param name="ValueWidth">d_value per head of the classical block (0 for the other kinds).</param>
public sealed record GanShape(int Height, int Width, int Channels, int AttentionSide, int KeyWidth, int ValueWidth)
{
    /// <summary>Whether the block sits on the (H/4)×(W/4) map, before the first upsampling.</summary>
    public bool AttentionBeforeUpsampling => AttentionSide == Height / 4;

    /// <summary>Channels of the map the block attends over.</summary>
    public int AttentionChannels => AttentionBeforeUpsampling ? 2 * Channels : Channels;

    /// <summary>Works out the sizes; throws <see cref="GanException"/> for images the networks cannot take.</summary>
    public static GanShape For(GanOptions options, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (height % 4 != 0 || width % 4 != 0 || height < 4 || width < 4)
            throw new GanException($"The GAN upsamples twice by 2, so image sides must be multiples of 4; these images are {height} × {width}.");
        var c = options.ChannelsFor(Math.Min(height, width));
        var side = options.AttentionSide ?? (height / 4 >= 7 ? height / 4 : height / 2);
        if (side != height / 4 && side != height / 2)
            throw new GanException($"{GanOptions.Setting(nameof(options.AttentionSide))} must be H/4 = {height / 4} or H/2 = {height / 2} for these {height} × {width} images; got {side}.");
        var channels = side == height / 4 ? 2 * c : c;
        var (key, value) = options.Attention switch
        {
            GanAttention.Classical => (options.KeyWidth ?? Math.Max(1, channels / 8), options.ValueWidth ?? Math.Max(1, channels / 2)),
            GanAttention.ClassicalMatched => Matched(options, channels),
            _ => (0, 0),
        };
        return new GanShape(height, width, c, side, key, value);
    }

    /// <summary>Parameters of the attention block this shape gives <paramref name="options"/>' kind (0 for none), γ included.</summary>
    public long AttentionParameters(GanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Attention switch
        {
            GanAttention.Quantum => QuantumAttention.CountParameters(AttentionChannels, options.Heads, options.QuantumDimension),
            GanAttention.Classical or GanAttention.ClassicalMatched => ClassicalAttention.CountParameters(AttentionChannels, options.Heads, KeyWidth, ValueWidth),
            _ => 0,
        };
    }

    /// <summary>
    /// The classical block with the quantum block's shape and count: one query and key value per position and head (the
    /// quantum block scores with the scalars ⟨Z₀⟩), and the value width whose total is nearest the quantum block's
    /// (the smaller on a tie). <see cref="GanOptions.KeyWidth"/> and <see cref="GanOptions.ValueWidth"/> override.
    /// </summary>
    private static (int Key, int Value) Matched(GanOptions options, int channels)
    {
        var target = QuantumAttention.CountParameters(channels, options.Heads, options.QuantumDimension);
        var key = options.KeyWidth ?? 1;
        if (options.ValueWidth is { } fixedValue) return (key, fixedValue);
        var best = 1;
        for (var value = 2; value <= 4 * channels; value++)
            if (Math.Abs(ClassicalAttention.CountParameters(channels, options.Heads, key, value) - target)
                < Math.Abs(ClassicalAttention.CountParameters(channels, options.Heads, key, best) - target))
                best = value;
        return (key, best);
    }
}

/// <summary>
/// The generator: z → dense → [2c, H/4, W/4] (batch norm, ReLU) → 4×4 transposed convolution to [c, H/2, W/2] (batch
/// norm, ReLU) → 4×4 transposed convolution to [1, H, W] → tanh, mapped to [0, 1]; the attention block after the first
/// or the second step (<see cref="GanShape.AttentionSide"/>).
/// </summary>
public sealed class ConvGenerator : nn.Module<Tensor, Tensor>
{
    private readonly DenseLayer project;
    private readonly BatchNorm2d projectNorm;
    private readonly UpConvLayer up;
    private readonly BatchNorm2d upNorm;
    private readonly UpConvLayer toImage;

    /// <summary>Builds the network; parameters are drawn from <paramref name="generator"/> in the order of the layers, block last.</summary>
    /// <param name="options">Sizes, kind and spectral normalisation.</param>
    /// <param name="shape">Image and block sizes.</param>
    /// <param name="generator">Source of the initial values.</param>
    /// <param name="quantum">The circuits and their engine; required for quantum attention.</param>
    public ConvGenerator(GanOptions options, GanShape shape, Generator generator, QuantumQkv? quantum)
        : base(nameof(ConvGenerator))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        LatentSize = options.LatentSize;
        var c = shape.Channels;
        var sn = options.GeneratorSpectralNorm;
        register_module("project", project = new DenseLayer(options.LatentSize, 2L * c * (shape.Height / 4) * (shape.Width / 4), sn, generator));
        register_module("project_norm", projectNorm = nn.BatchNorm2d(2 * c, dtype: ScalarType.Float32));
        register_module("up", up = new UpConvLayer(2 * c, c, 4, 2, 1, sn, generator));
        register_module("up_norm", upNorm = nn.BatchNorm2d(c, dtype: ScalarType.Float32));
        register_module("to_image", toImage = new UpConvLayer(c, 1, 4, 2, 1, sn, generator));
        var channels = shape.AttentionChannels;
        Block = options.Attention switch
        {
            GanAttention.None => null,
            GanAttention.Quantum => new QuantumAttention(channels, options.Heads,
                quantum ?? throw new ArgumentException("Quantum attention needs the circuits and their engine.", nameof(quantum)), options.Scores, sn, generator),
            _ => new ClassicalAttention(channels, options.Heads, shape.KeyWidth, shape.ValueWidth, sn, generator),
        };
        if (Block is not null) register_module("attention", Block);
    }

    /// <summary>Image and block sizes.</summary>
    public GanShape Shape { get; }

    /// <summary>Length of z.</summary>
    public int LatentSize { get; }

    /// <summary>The attention block, or null without one.</summary>
    public GatedAttention? Block { get; }

    /// <summary>[batch, latent] → [batch, 1, H, W] in [0, 1].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var h = project.forward(input).reshape(input.size(0), 2 * Shape.Channels, Shape.Height / 4, Shape.Width / 4);
        h = nn.functional.relu(projectNorm.forward(h));
        if (Block is not null && Shape.AttentionBeforeUpsampling) h = Block.forward(h);
        h = nn.functional.relu(upNorm.forward(up.forward(h)));
        if (Block is not null && !Shape.AttentionBeforeUpsampling) h = Block.forward(h);
        return (nn.functional.tanh(toImage.forward(h)) + 1) * 0.5;
    }
}

/// <summary>
/// The discriminator: images in [0, 1] (shifted to [−1, 1]) → 4×4 stride-2 convolution to c channels → LeakyReLU 0.1
/// → 4×4 stride-2 convolution to 2c → LeakyReLU 0.1 → linear → one score per image; every layer spectrally normalised.
/// </summary>
public sealed class ConvDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly ConvLayer first;
    private readonly ConvLayer second;
    private readonly DenseLayer head;

    /// <summary>Builds the network.</summary>
    public ConvDiscriminator(GanShape shape, Generator generator)
        : base(nameof(ConvDiscriminator))
    {
        ArgumentNullException.ThrowIfNull(shape);
        var c = shape.Channels;
        register_module("first", first = new ConvLayer(1, c, 4, 2, 1, true, generator));
        register_module("second", second = new ConvLayer(c, 2 * c, 4, 2, 1, true, generator));
        register_module("head", head = new DenseLayer(2L * c * (shape.Height / 4) * (shape.Width / 4), 1, true, generator));
    }

    /// <summary>[batch, 1, H, W] → [batch] scores.</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var h = nn.functional.leaky_relu(first.forward(input * 2 - 1), 0.1);
        h = nn.functional.leaky_relu(second.forward(h), 0.1);
        return head.forward(h.flatten(1)).reshape(-1);
    }
}

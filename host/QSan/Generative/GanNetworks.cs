using QSan.Autograd;
using QSan.Model;

namespace QSan.Generative;

/// <summary>Element-wise ops the GAN needs beyond the autograd's own.</summary>
public static class GanOps
{
    /// <summary>LeakyReLU: x for x &gt; 0, <paramref name="slope"/>·x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor x, double slope = 0.2)
    {
        ArgumentNullException.ThrowIfNull(x);
        var data = new double[x.Count];
        var source = x.Data;
        for (var i = 0; i < data.Length; i++) data[i] = source[i] > 0 ? source[i] : slope * source[i];
        if (!Tensor.IsGradEnabled || !x.RequiresGrad) return new Tensor(data, x.Shape);
        return Tensor.Custom([x], data, x.Shape, (g, gradients) =>
        {
            var gx = gradients[0];
            if (gx is null) return;
            for (var i = 0; i < gx.Length; i++) gx[i] += source[i] > 0 ? g[i] : slope * g[i];
        });
    }

    /// <summary>
    /// The minibatch standard deviation feature (Karras et al. 2018, ProGAN): the mean over features of the standard
    /// deviation over the batch, as one column [batch × 1] repeated for every row. A collapsed generator's batch has a
    /// small value, which the discriminator can see.
    /// </summary>
    public static Tensor MinibatchStd(Tensor h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var centred = h - h.Mean(0, keepDim: true);
        var std = (centred.Square().Mean(0, keepDim: true) + 1e-8).Sqrt().Mean();
        return Tensor.Ones([h.Shape[0], 1]) * std;
    }
}

/// <summary>
/// The attention block over an image's rows (tokens): out = x + γ · A(x), γ a learned scalar that starts at 0 (SAGAN,
/// Zhang et al. 2019), so training starts from the plain network and lets the block in as it helps.
/// </summary>
public sealed class RowAttentionBlock : Module
{
    private readonly MultiHeadSoftmaxAttention? classical;
    private readonly Linear? encoder;
    private readonly QsannLayer? quantumLayer;
    private readonly Linear? decoder;
    private readonly QuantumQkv? quantum;

    /// <summary>Creates the block for images of <paramref name="height"/> rows of <paramref name="width"/> pixels.</summary>
    /// <param name="options">The kind and sizes.</param>
    /// <param name="width">Token width (pixels per row).</param>
    /// <param name="height">Tokens per image (rows).</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="quantum">The circuits and their engine; required for quantum attention.</param>
    public RowAttentionBlock(GanOptions options, int width, int height, Random random, QuantumQkv? quantum)
    {
        ArgumentNullException.ThrowIfNull(options);
        Kind = options.Attention;
        Width = width;
        Height = height;
        switch (Kind)
        {
            case GanAttention.Classical:
                classical = RegisterModule("attention", new MultiHeadSoftmaxAttention(width, options.Heads, options.ClassicalKeyWidth, random));
                break;
            case GanAttention.Quantum:
                this.quantum = quantum ?? throw new ArgumentException("Quantum attention needs the circuits' engine.", nameof(quantum));
                var d = quantum.Dimension;
                encoder = RegisterModule("encoder", new Linear(width, d, random));
                quantumLayer = RegisterModule("circuits", new QsannLayer(d, options.Heads, 0.5, random));
                decoder = RegisterModule("decoder", new Linear(d, width, random, bias: false));
                break;
        }
        Gate = Kind == GanAttention.None ? null : RegisterParameter("gate", Tensor.Zeros([1]));
    }

    /// <summary>The block's kind.</summary>
    public GanAttention Kind { get; }

    /// <summary>Token width.</summary>
    public int Width { get; }

    /// <summary>Tokens per image.</summary>
    public int Height { get; }

    /// <summary>γ, or null without a block.</summary>
    public Tensor? Gate { get; }

    /// <summary>[batch × Height·Width] → the same shape.</summary>
    public Tensor Forward(Tensor x)
    {
        if (Kind == GanAttention.None) return x;
        var batch = x.Shape[0];
        var tokens = x.Reshape(batch * Height, Width);
        var offsets = new int[batch + 1];
        for (var b = 0; b <= batch; b++) offsets[b] = b * Height;
        Tensor attended;
        if (classical is not null)
        {
            attended = classical.Forward(tokens, offsets);
        }
        else
        {
            // One engine call per head covers every row of every image of the minibatch.
            var angles = encoder!.Forward(tokens);
            attended = decoder!.Forward(quantumLayer!.Forward(quantum!, 0, angles, null, offsets, null));
        }
        return x + attended.Reshape(batch, Height * Width) * Gate!;
    }
}

/// <summary>The generator: z → dense LeakyReLU layers → one value per pixel → attention block → sigmoid.</summary>
public sealed class Generator : Module
{
    private readonly Linear[] layers;

    /// <summary>Builds the network; parameters are drawn in the order layers, block.</summary>
    public Generator(GanOptions options, int width, int height, Random random, QuantumQkv? quantum)
    {
        ArgumentNullException.ThrowIfNull(options);
        var widths = new List<int> { options.LatentSize };
        widths.AddRange(options.GeneratorLayers);
        widths.Add(width * height);
        layers = new Linear[widths.Count - 1];
        for (var i = 0; i < layers.Length; i++) layers[i] = RegisterModule($"layer{i}", new Linear(widths[i], widths[i + 1], random));
        Block = RegisterModule("block", new RowAttentionBlock(options, width, height, random, quantum));
    }

    /// <summary>The attention block.</summary>
    public RowAttentionBlock Block { get; }

    /// <summary>[batch × latent] → [batch × pixels] in (0, 1).</summary>
    public Tensor Forward(Tensor z)
    {
        var h = z;
        for (var i = 0; i < layers.Length; i++)
        {
            h = layers[i].Forward(h);
            if (i < layers.Length - 1) h = GanOps.LeakyRelu(h);
        }
        return Block.Forward(h).Sigmoid();
    }
}

/// <summary>The discriminator: pixels → dense LeakyReLU layers → one logit.</summary>
public sealed class Discriminator : Module
{
    private readonly Linear[] layers;

    private readonly bool minibatchStd;

    /// <summary>Builds the network.</summary>
    public Discriminator(GanOptions options, int pixels, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        minibatchStd = options.MinibatchStd;
        var widths = new List<int> { pixels };
        widths.AddRange(options.DiscriminatorLayers);
        layers = new Linear[widths.Count];
        for (var i = 0; i < widths.Count - 1; i++) layers[i] = RegisterModule($"layer{i}", new Linear(widths[i], widths[i + 1], random));
        layers[^1] = RegisterModule($"layer{widths.Count - 1}", new Linear(widths[^1] + (minibatchStd ? 1 : 0), 1, random));
    }

    /// <summary>[batch × pixels] → [batch × 1] logits.</summary>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var h = x;
        for (var i = 0; i < layers.Length - 1; i++) h = GanOps.LeakyRelu(layers[i].Forward(h));
        if (minibatchStd) h = Tensor.Concat([h, GanOps.MinibatchStd(h)], 1);
        return layers[^1].Forward(h);
    }
}

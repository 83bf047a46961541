using QSan.Data;

namespace QSan.Generative;

/// <summary>The self-attention block of the generator; everything else is identical between the three.</summary>
public enum GanAttention
{
    /// <summary>No attention block (a plain MLP GAN).</summary>
    None,

    /// <summary>Multi-head softmax attention (scaled dot product, √d_key, W_O) over the image's rows.</summary>
    Classical,

    /// <summary>QSANN attention over the image's rows: rows mapped to encoder angles, the Q# query/key/value circuits, Gaussian projected attention.</summary>
    Quantum,
}

/// <summary>An error in the GAN's options or run folder that the user can fix.</summary>
public sealed class GanException(string message, Exception? innerException = null) : QSanException(message, innerException);

/// <summary>
/// Everything that defines a GAN run. The generator maps z ~ N(0, I) through dense layers with LeakyReLU(0.2) to
/// one value per pixel, adds the attention block's output over the image's rows through a learned gate γ that starts
/// at 0 (SAGAN), and ends in a sigmoid; the discriminator is dense with LeakyReLU(0.2) and one logit. Both train
/// with Adam and the non-saturating loss.
/// </summary>
/// <param name="Data">mnist, mnist-full, fashion-mnist, digits, or a folder of idx files (<see cref="ImageDatasets"/>).</param>
/// <param name="Attention">The generator's attention block.</param>
/// <param name="DataDirectory">A folder with the data files (<c>--data-dir</c>), or null.</param>
/// <param name="Qubits">n, qubits per token (quantum).</param>
/// <param name="Depth">D, ansatz depth (quantum); the circuits take d = n(D + 2) angles per token.</param>
/// <param name="Heads">H, attention heads (quantum and classical).</param>
/// <param name="KeyWidth">d_key of the classical block; null: the quantum block's d = n(D + 2), so both attend in the same width.</param>
/// <param name="Epochs">Epochs.</param>
/// <param name="BatchSize">Images per minibatch.</param>
/// <param name="Seed">Seeds initialisation, shuffling and noise (independent streams).</param>
/// <param name="LatentSize">Length of z.</param>
/// <param name="GeneratorHidden">Widths of the generator's hidden layers.</param>
/// <param name="DiscriminatorHidden">Widths of the discriminator's hidden layers.</param>
/// <param name="LearningRate">Adam's step size for both networks.</param>
/// <param name="Beta1">Adam's β₁ (0.5 as in DCGAN).</param>
/// <param name="RealLabel">The discriminator's target for real images (1: none; 0.9: one-sided label smoothing).</param>
/// <param name="TrainLimit">Use at most this many training images (quick runs), or null for all.</param>
/// <param name="SampleEvery">Write a sample grid every this many epochs (and at the end).</param>
/// <param name="Backend">Where the circuits run: native (default) or shots:N (see <c>BackendChoice</c>).</param>
/// <param name="MinibatchStd">Give the discriminator's last layer the minibatch standard deviation (ProGAN) against mode collapse.</param>
public sealed record GanOptions(
    string Data,
    GanAttention Attention = GanAttention.None,
    string? DataDirectory = null,
    int Qubits = 4,
    int Depth = 1,
    int Heads = 1,
    int? KeyWidth = null,
    int Epochs = 20,
    int BatchSize = 64,
    int Seed = 1,
    int LatentSize = 64,
    int[]? GeneratorHidden = null,
    int[]? DiscriminatorHidden = null,
    double LearningRate = 1e-3,
    double Beta1 = 0.5,
    double RealLabel = 1.0,
    int? TrainLimit = null,
    int SampleEvery = 5,
    string Backend = "native",
    bool MinibatchStd = true)
{
    /// <summary>The generator's hidden widths (default 256, 512).</summary>
    public int[] GeneratorLayers => GeneratorHidden ?? [256, 512];

    /// <summary>The discriminator's hidden widths (default 512, 256).</summary>
    public int[] DiscriminatorLayers => DiscriminatorHidden ?? [512, 256];

    /// <summary>d: the quantum block's angles per token, n(D + 2).</summary>
    public int QuantumDimension => Qubits * (Depth + 2);

    /// <summary>The classical block's d_key.</summary>
    public int ClassicalKeyWidth => KeyWidth ?? QuantumDimension;

    /// <summary>Throws <see cref="GanException"/> naming the first setting out of range.</summary>
    public GanOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Data)) throw new GanException("Name the images: mnist, mnist-full, fashion-mnist, digits, or a folder of idx files.");
        if (Qubits is < 1 or > 20) throw new GanException($"The number of qubits must be from 1 to 20; got {Qubits}.");
        if (Depth < 0) throw new GanException($"The ansatz depth must be at least 0; got {Depth}.");
        if (Heads < 1) throw new GanException($"The number of heads must be at least 1; got {Heads}.");
        if (KeyWidth is < 1) throw new GanException($"The key width must be at least 1; got {KeyWidth}.");
        if (Epochs < 1) throw new GanException($"The number of epochs must be at least 1; got {Epochs}.");
        if (BatchSize < 1) throw new GanException($"The batch size must be at least 1; got {BatchSize}.");
        if (LatentSize < 1) throw new GanException($"The latent size must be at least 1; got {LatentSize}.");
        if (GeneratorLayers.Length == 0 || GeneratorLayers.Any(w => w < 1) || DiscriminatorLayers.Length == 0 || DiscriminatorLayers.Any(w => w < 1))
            throw new GanException("Every hidden layer needs a width of at least 1, and each network at least one hidden layer.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new GanException($"The learning rate must be a positive number; got {LearningRate}.");
        if (Beta1 is < 0 or >= 1) throw new GanException($"β₁ must be in [0, 1); got {Beta1}.");
        if (RealLabel is <= 0.5 or > 1) throw new GanException($"The real label must be in (0.5, 1]; got {RealLabel}.");
        if (TrainLimit is < 1) throw new GanException($"The training-image limit must be at least 1; got {TrainLimit}.");
        if (SampleEvery < 1) throw new GanException($"Sample grids are written every N ≥ 1 epochs; got {SampleEvery}.");
        return this;
    }

    /// <summary>One line for headers.</summary>
    public string Describe() => Attention switch
    {
        GanAttention.Quantum => $"GAN on {Data}, quantum attention n = {Qubits}, D = {Depth}, d = {QuantumDimension}, H = {Heads}",
        GanAttention.Classical => $"GAN on {Data}, classical softmax attention d_key = {ClassicalKeyWidth}, H = {Heads}",
        _ => $"GAN on {Data}, no attention",
    };
}

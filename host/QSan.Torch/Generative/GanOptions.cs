using QSan.Data;
using QSan.Generative;

namespace QSan.Torch.Generative;

/// <summary>The generator's self-attention block; everything else is identical between the kinds.</summary>
public enum GanAttention
{
    /// <summary>No block.</summary>
    None,

    /// <summary>SAGAN's block: 1×1 convolutions to queries, keys and values per head, softmax(q·k / √d_key) over positions, W_O back to the channels.</summary>
    Classical,

    /// <summary>The classical block shrunk to the quantum block's parameter count: one query and key value per position and head (as the quantum block's ⟨Z₀⟩), the value width chosen so the counts are nearest.</summary>
    ClassicalMatched,

    /// <summary>The Q# circuits: positions → encoder angles (1×1 convolution), query, key and value circuits for all positions of all images in one engine call per head, Gaussian projected attention, W_O.</summary>
    Quantum,
}

/// <summary>How the quantum block turns its query and key expectations into attention weights.</summary>
public enum QuantumScores
{
    /// <summary>QSANN's Gaussian projected attention: softmax_j(−(q_s − k_j)²).</summary>
    Gaussian,

    /// <summary>softmax_j(q_s · k_j), the classical block's form on the quantum scores.</summary>
    Softmax,
}

/// <summary>The adversarial loss.</summary>
public enum GanLoss
{
    /// <summary>SAGAN's hinge loss: D minimises E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))], G minimises −E[D(G(z))].</summary>
    Hinge,

    /// <summary>The non-saturating loss of Goodfellow et al.: D minimises softplus(−D(x)) + softplus(D(G(z))), G minimises softplus(−D(G(z))).</summary>
    NonSaturating,
}

/// <summary>
/// Everything that defines a GAN run: a SAGAN-style convolutional GAN on TorchSharp (float32). The generator projects
/// z ~ N(0, I) to a (H/4)×(W/4) map of 2c channels (batch norm, ReLU), upsamples it with a 4×4 transposed convolution
/// to (H/2)×(W/2) and c channels (batch norm, ReLU), and upsamples to one H×W channel (tanh, mapped to [0, 1]). The
/// attention block (added through its gate γ, which starts at 0) sits on the (H/4)×(W/4) map when that is at least 7×7
/// (MNIST: 7×7, 49 positions), else on the (H/2)×(W/2) map (the 8×8 digits: 4×4). The discriminator has two 4×4
/// stride-2 convolutions (c, then 2c channels, LeakyReLU 0.1) and a linear head, all spectrally normalised.
/// </summary>
/// <param name="Data">mnist, mnist-full, fashion-mnist, digits, or a folder of idx files (<see cref="ImageDatasets"/>).</param>
/// <param name="Attention">The generator's attention block.</param>
/// <param name="DataDirectory">A folder with the data files (<see cref="ImageDataOptions.DataDirectory"/>), or null.</param>
/// <param name="Channels">c, the networks' base width; null: 32 for images of 16 pixels or more a side, 16 for smaller ones (the 8×8 digits).</param>
/// <param name="LatentSize">Length of z.</param>
/// <param name="Qubits">n, qubits per position (quantum).</param>
/// <param name="Depth">D, ansatz depth (quantum); the circuits take d = n(D + 2) angles per position.</param>
/// <param name="Heads">H, attention heads (every kind).</param>
/// <param name="Scores">How the quantum block scores (Gaussian, QSANN's, or softmax).</param>
/// <param name="KeyWidth">d_key per head of the classical block; null: c/8 (SAGAN's).</param>
/// <param name="ValueWidth">d_value per head of the classical block; null: c/2 (SAGAN's, as BigGAN's code has it).</param>
/// <param name="GeneratorSpectralNorm">Spectral normalisation in the generator too (SAGAN's choice), its attention block's 1×1
/// convolutions included; the discriminator always has it. Off by default: with it, MNIST collapsed to one class within 10
/// epochs and digits converged more slowly (BENCHMARKS.md).</param>
/// <param name="Loss">The adversarial loss.</param>
/// <param name="GeneratorLearningRate">Adam's step size for G: 4e-4 (SAGAN's 1e-4, a quarter of D's, learned too slowly for a
/// budget of tens of epochs: digits FD 20.6 against 2.8 after 40 epochs; BENCHMARKS.md).</param>
/// <param name="DiscriminatorLearningRate">Adam's step size for D (SAGAN: 4e-4, the two time-scale rule).</param>
/// <param name="Beta1">Adam's β₁ (SAGAN: 0).</param>
/// <param name="Beta2">Adam's β₂ (SAGAN: 0.9).</param>
/// <param name="Epochs">Epochs.</param>
/// <param name="BatchSize">Images per minibatch.</param>
/// <param name="Seed">Seeds initialisation, shuffling and noise (independent streams).</param>
/// <param name="TrainImages">Train on a fixed, stratified subset of this many training images (the same for every seed), or null for all.</param>
/// <param name="SampleEvery">Write a sample grid every this many epochs (and at the end).</param>
/// <param name="Backend">Where the circuits run: native (default) or shots:N.</param>
/// <param name="AttentionSide">The side of the map the block attends over: H/4 (before the first upsampling, 2c channels)
/// or H/2 (after it, c channels); null: H/4 when that is at least 7, else H/2.</param>
/// <param name="Threads">LibTorch's intra-op threads. One by default: on a 2-core machine shared with other work, two
/// OpenMP threads took 5–10× longer per step than one (BENCHMARKS.md). Part of the run, because sums split over another
/// thread count may round differently, and a resumed run must repeat the same arithmetic.</param>
public sealed record GanOptions(
    string Data,
    GanAttention Attention = GanAttention.None,
    string? DataDirectory = null,
    int? Channels = null,
    int LatentSize = 64,
    int Qubits = 4,
    int Depth = 1,
    int Heads = 1,
    QuantumScores Scores = QuantumScores.Gaussian,
    int? KeyWidth = null,
    int? ValueWidth = null,
    bool GeneratorSpectralNorm = false,
    GanLoss Loss = GanLoss.Hinge,
    double GeneratorLearningRate = 4e-4,
    double DiscriminatorLearningRate = 4e-4,
    double Beta1 = 0.0,
    double Beta2 = 0.9,
    int Epochs = 20,
    int BatchSize = 64,
    int Seed = 1,
    int? TrainImages = null,
    int SampleEvery = 5,
    string Backend = "native",
    int Threads = 1,
    int? AttentionSide = null)
{
    /// <summary>d: the quantum block's angles per position, n(D + 2).</summary>
    public int QuantumDimension => Qubits * (Depth + 2);

    /// <summary>c for images <paramref name="side"/> pixels wide (the smaller side).</summary>
    public int ChannelsFor(int side) => Channels ?? (side >= 16 ? 32 : 16);

    /// <summary>Throws <see cref="GanException"/> naming the first setting out of range (as <c>GanOptions.Channels</c>).</summary>
    public GanOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Data)) throw new GanException($"Name the images ({Setting(nameof(Data))}): mnist, mnist-full, fashion-mnist, digits, or a folder of idx files.");
        if (!Enum.IsDefined(Attention)) throw new GanException($"Unknown attention kind {Attention}.");
        if (Channels is < 2) throw new GanException($"{Setting(nameof(Channels))} must be at least 2; got {Channels}.");
        if (LatentSize < 1) throw new GanException($"{Setting(nameof(LatentSize))} must be at least 1; got {LatentSize}.");
        if (Qubits is < 1 or > 20) throw new GanException($"{Setting(nameof(Qubits))} must be from 1 to 20; got {Qubits}.");
        if (Depth < 0) throw new GanException($"{Setting(nameof(Depth))} must be at least 0; got {Depth}.");
        if (Heads < 1) throw new GanException($"{Setting(nameof(Heads))} must be at least 1; got {Heads}.");
        if (KeyWidth is < 1) throw new GanException($"{Setting(nameof(KeyWidth))} must be at least 1; got {KeyWidth}.");
        if (ValueWidth is < 1) throw new GanException($"{Setting(nameof(ValueWidth))} must be at least 1; got {ValueWidth}.");
        if (!(GeneratorLearningRate > 0) || double.IsInfinity(GeneratorLearningRate)) throw new GanException($"{Setting(nameof(GeneratorLearningRate))} must be a positive number; got {GeneratorLearningRate}.");
        if (!(DiscriminatorLearningRate > 0) || double.IsInfinity(DiscriminatorLearningRate)) throw new GanException($"{Setting(nameof(DiscriminatorLearningRate))} must be a positive number; got {DiscriminatorLearningRate}.");
        if (Beta1 is < 0 or >= 1 || double.IsNaN(Beta1)) throw new GanException($"{Setting(nameof(Beta1))} must be in [0, 1); got {Beta1}.");
        if (Beta2 is < 0 or >= 1 || double.IsNaN(Beta2)) throw new GanException($"{Setting(nameof(Beta2))} must be in [0, 1); got {Beta2}.");
        if (Epochs < 1) throw new GanException($"{Setting(nameof(Epochs))} must be at least 1; got {Epochs}.");
        if (BatchSize < 2) throw new GanException($"{Setting(nameof(BatchSize))} must be at least 2 (batch norm needs two images); got {BatchSize}.");
        if (TrainImages is < 2) throw new GanException($"{Setting(nameof(TrainImages))} must be at least 2; got {TrainImages}.");
        if (SampleEvery < 1) throw new GanException($"{Setting(nameof(SampleEvery))} must be at least 1; got {SampleEvery}.");
        if (Threads is < 1 or > 256) throw new GanException($"{Setting(nameof(Threads))} must be from 1 to 256; got {Threads}.");
        if (string.IsNullOrWhiteSpace(Backend)) throw new GanException($"{Setting(nameof(Backend))} must name a backend: native or shots:N.");
        return this;
    }

    /// <summary>How messages name one of the options: <c>GanOptions.Channels</c>.</summary>
    internal static string Setting(string property) => $"{nameof(GanOptions)}.{property}";

    /// <summary>The kind's name on the command line and in results: none, classical, classical-matched, quantum.</summary>
    public static string Name(GanAttention kind) => kind switch
    {
        GanAttention.ClassicalMatched => "classical-matched",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a kind's name (<see cref="Name"/>).</summary>
    public static GanAttention ParseAttention(string name) =>
        Enum.GetValues<GanAttention>().FirstOrDefault(k => Name(k) == name.Trim().ToLowerInvariant(), (GanAttention)(-1)) is var kind && Enum.IsDefined(kind)
            ? kind
            : throw new GanException($"Unknown attention kind '{name}' ({Setting(nameof(Attention))}): use {string.Join(", ", Enum.GetValues<GanAttention>().Select(Name))}.");

    /// <summary>One line for headers.</summary>
    public string Describe() => Attention switch
    {
        GanAttention.Quantum => $"GAN on {Data}, quantum attention n = {Qubits}, D = {Depth}, d = {QuantumDimension}, H = {Heads}, {Scores.ToString().ToLowerInvariant()} scores",
        GanAttention.Classical => $"GAN on {Data}, classical attention (SAGAN), H = {Heads}",
        GanAttention.ClassicalMatched => $"GAN on {Data}, classical attention matched to the quantum block's parameters, H = {Heads}",
        _ => $"GAN on {Data}, no attention",
    };
}

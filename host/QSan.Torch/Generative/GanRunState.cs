using System.Text.Json;
using QSan.Data;
using QSan.Generative;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Training;
using QSan.Visualization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>One epoch of GAN training.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss over the epoch's minibatches.</param>
/// <param name="GeneratorLoss">Mean generator loss.</param>
/// <param name="Gate">The attention block's γ at the end of the epoch (0 without a block).</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps (scoring excluded).</param>
/// <param name="Frechet">Fréchet distance of the generator at the end of the epoch (<see cref="GanRunState.Score"/>).</param>
/// <param name="Coverage">Class coverage at the end of the epoch.</param>
public sealed record GanEpoch(int Epoch, double DiscriminatorLoss, double GeneratorLoss, double Gate, double Seconds, double Frechet, double Coverage);

/// <summary>Receives a GAN's progress.</summary>
public interface IGanObserver
{
    /// <summary>After each minibatch.</summary>
    void OnBatch(int epoch, int batch, int batches);

    /// <summary>After each epoch (scored and checkpointed).</summary>
    void OnEpoch(GanEpoch epoch);
}

/// <summary>
/// The state of one GAN run in memory, which <see cref="GanTrainingLoop"/> advances and <see cref="GanRun"/> (the handle
/// programs hold) wraps: options, images, both networks and their Adam optimisers (fresh, or restored from the run
/// folder's checkpoint), the shuffling and noise generators, and where training stands (epochs, history, time, result).
/// <see cref="GanCheckpoint"/> saves and restores it; <see cref="Generate"/>, <see cref="SampleGrid"/> and
/// <see cref="Score"/> read the generator.
/// </summary>
public sealed class GanRunState : IDisposable
{
    /// <summary>The final grid's file name.</summary>
    public const string SamplesFileName = "samples.png";

    /// <summary>The Fréchet distance per epoch, drawn.</summary>
    public const string FrechetCurveFileName = "frechet.svg";

    /// <summary>Images in a sample grid unless told otherwise.</summary>
    public const int DefaultSampleCount = 64;

    /// <summary>Images per forward pass when generating without gradients.</summary>
    private const int GenerationBatch = 250;

    private readonly List<GanEpoch> history = [];
    private DomainClassifier? classifier;

    private GanRunState(GanOptions options, ImageDataset data, string directory, ICircuitSource? circuits)
    {
        TorchRuntime.EnsureLoaded();
        Options = options;
        Data = data;
        Directory = directory;
        TrainImages = options.TrainImages is { } count ? data.Train.StratifiedSubset(count) : data.Train;
        Shape = GanShape.For(options, TrainImages.Height, TrainImages.Width);
        QuantumQkv? quantum = null;
        if (options.Attention == GanAttention.Quantum)
        {
            if (circuits is null) throw new InvalidOperationException("Quantum attention needs a circuit source.");
            var family = circuits.Circuits(options.Qubits, options.Depth);
            var engine = new EngineFactory(circuits).Create(BackendChoice.Parse(options.Backend), options.Depth, TrainingRandom.SamplingSeed(options.Seed, 0));
            quantum = new QuantumQkv(engine.Engine, family.Circuit);
            CircuitSourceHash = family.SourceHash;
        }
        // Separate streams for G and D, and G's block drawn last, so every kind starts from the same networks but its block.
        using (var generatorInit = new torch.Generator(TrainingRandom.DeriveSeed(options.Seed, 2), CPU))
            Generator = new ConvGenerator(options, Shape, generatorInit, quantum);
        using (var discriminatorInit = new torch.Generator(TrainingRandom.DeriveSeed(options.Seed, 7), CPU))
            Discriminator = new ConvDiscriminator(Shape, discriminatorInit);
        GeneratorOptimizer = optim.Adam(Generator.parameters(), options.GeneratorLearningRate, options.Beta1, options.Beta2);
        DiscriminatorOptimizer = optim.Adam(Discriminator.parameters(), options.DiscriminatorLearningRate, options.Beta1, options.Beta2);
        Shuffling = TrainingRandom.ForShuffling(options.Seed);
        Noise = new TrainingRandom(TrainingRandom.DeriveSeed(options.Seed, 5));
        var pixels = Array.ConvertAll(TrainImages.Pixels, v => (float)v);
        Images = tensor(pixels, [TrainImages.Count, 1, TrainImages.Height, TrainImages.Width]).DetachFromDisposeScope();
    }

    /// <summary>The options.</summary>
    public GanOptions Options { get; }

    /// <summary>The images (training and test).</summary>
    public ImageDataset Data { get; }

    /// <summary>The training images used (all, or the stratified subset of <see cref="GanOptions.TrainImages"/>).</summary>
    public ImageSet TrainImages { get; }

    /// <summary>The networks' and the attention block's sizes.</summary>
    public GanShape Shape { get; }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The generator.</summary>
    public ConvGenerator Generator { get; }

    /// <summary>The discriminator.</summary>
    public ConvDiscriminator Discriminator { get; }

    /// <summary>Adam for G.</summary>
    public Adam GeneratorOptimizer { get; }

    /// <summary>Adam for D.</summary>
    public Adam DiscriminatorOptimizer { get; }

    /// <summary>Shuffles the training images every epoch (its state is checkpointed).</summary>
    public TrainingRandom Shuffling { get; internal set; }

    /// <summary>Draws the training noise z (its state is checkpointed).</summary>
    public TrainingRandom Noise { get; internal set; }

    /// <summary>The training images as one float32 tensor [count, 1, H, W].</summary>
    internal Tensor Images { get; }

    /// <summary>Hash of the Q# sources of the circuits (quantum attention), else null.</summary>
    public string? CircuitSourceHash { get; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Seconds spent in training steps, over all resumptions of the run.</summary>
    public double TrainSeconds { get; internal set; }

    /// <summary>Per-epoch metrics.</summary>
    public IReadOnlyList<GanEpoch> History => history;

    /// <summary>The score written at the end, or null before.</summary>
    public GanScore? Result { get; internal set; }

    /// <summary>Parameters of the generator's attention block, γ included.</summary>
    public long AttentionParameterCount => Generator.Block?.ParameterCount ?? 0;

    /// <summary>Parameters of both networks.</summary>
    public long ParameterCount => Generator.parameters().Concat(Discriminator.parameters()).Sum(p => p.numel());

    /// <summary>Pixel scale of the PNG grids (8×8 digits are drawn 4× larger).</summary>
    public int Scale => TrainImages.Width < 16 ? 4 : 2;

    /// <summary>The domain classifier of the Fréchet distance and the coverage (trained once per dataset and cached on disk).</summary>
    public DomainClassifier Classifier => classifier ??= DomainClassifier.For(Data);

    /// <summary>Starts a run in <paramref name="directory"/> (created; must not hold a checkpoint), writing its configuration and the epoch-0 checkpoint.</summary>
    public static async Task<GanRunState> CreateAsync(GanOptions options, string directory, ICircuitSource? circuits, ImageDataOptions? dataOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        options.Validate();
        if (File.Exists(RunFolder.CheckpointPath(directory)))
            throw new GanException($"'{directory}' already holds a run; continue it with {nameof(GanRunState)}.{nameof(ResumeAsync)} or choose another folder.");
        var data = await LoadAsync(options, dataOptions, cancellationToken).ConfigureAwait(false);
        var state = new GanRunState(options, data, directory, circuits);
        System.IO.Directory.CreateDirectory(directory);
        RunFolder.WriteAllTextAtomically(Path.Combine(directory, RunFolder.ConfigFileName), state.DescribeConfig());
        // Epoch 0's checkpoint makes even a run interrupted in its first epoch resumable.
        GanCheckpoint.Write(state);
        return state;
    }

    /// <summary>Reopens the run in <paramref name="directory"/> where its checkpoint left it; <paramref name="epochs"/> extends it.</summary>
    public static async Task<GanRunState> ResumeAsync(string directory, int? epochs, ICircuitSource? circuits, ImageDataOptions? dataOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var saved = GanCheckpoint.Read(directory);
        if (epochs is { } requested && requested < saved.Header.Epoch)
            throw new GanException($"The run in '{directory}' has already trained {saved.Header.Epoch} epochs; {GanOptions.Setting(nameof(GanOptions.Epochs))} {requested} would go back.");
        var options = saved.Header.Options with { Epochs = epochs ?? saved.Header.Options.Epochs };
        options.Validate();
        var data = await LoadAsync(options, dataOptions, cancellationToken).ConfigureAwait(false);
        var state = new GanRunState(options, data, directory, circuits);
        try
        {
            saved.Restore(state);
        }
        catch
        {
            state.Dispose();
            throw;
        }
        return state;
    }

    /// <summary>
    /// <paramref name="count"/> images ([count × pixels], values in [0, 1]) from the generator in evaluation mode
    /// (batch norm with its running statistics, spectral norms without a power iteration), noise seeded by
    /// <paramref name="seed"/>; leaves the networks' state unchanged.
    /// </summary>
    public double[] Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new TrainingRandom(TrainingRandom.DeriveSeed(seed, 6));
        var pixels = TrainImages.PixelCount;
        var result = new double[count * pixels];
        var wasTraining = Generator.training;
        set_num_threads(Options.Threads);
        Generator.eval();
        try
        {
            using var _ = no_grad();
            for (var start = 0; start < count; start += GenerationBatch)
            {
                using var scope = NewDisposeScope();
                var size = Math.Min(GenerationBatch, count - start);
                var images = Generator.forward(NormalNoise(random, size, Options.LatentSize)).to(ScalarType.Float64).contiguous();
                QuantumCircuits.Values(images).CopyTo(result.AsSpan(start * pixels, size * pixels));
            }
        }
        finally
        {
            Generator.train(wasTraining);
        }
        return result;
    }

    /// <summary>A square-ish grid of <paramref name="count"/> samples from fixed noise (the same grid each epoch), or from <paramref name="seed"/>.</summary>
    public ImageGrid SampleGrid(int count = DefaultSampleCount, int? seed = null) =>
        new((int)Math.Ceiling(Math.Sqrt(count)), TrainImages.Width, TrainImages.Height, Generate(count, seed ?? TrainingRandom.SamplingSeed(Options.Seed, 1)));

    /// <summary>
    /// Scores the generator now: <see cref="GanEvaluation.MaxHalf"/> (at most half the test set) images from fixed noise
    /// against the test images, in the domain classifier's features.
    /// </summary>
    public GanScore Score() => GanEvaluation.Score(Classifier, Data.Test, Generate(GanEvaluation.HalfSize(Data.Test), TrainingRandom.SamplingSeed(Options.Seed, 2)));

    /// <summary>The options with the networks' sizes, as <c>config.json</c> holds them.</summary>
    public string DescribeConfig() => JsonSerializer.Serialize(new
    {
        Options,
        Attention = GanOptions.Name(Options.Attention),
        Shape,
        Parameters = ParameterCount,
        GeneratorParameters = Generator.parameters().Sum(p => p.numel()),
        DiscriminatorParameters = Discriminator.parameters().Sum(p => p.numel()),
        AttentionParameters = AttentionParameterCount,
        TrainImages = TrainImages.Count,
        TestImages = Data.Test.Count,
        Data.Origin,
        CircuitSourceHash,
    }, Json.Indented);

    /// <summary>Adds a finished epoch to the history.</summary>
    internal void Record(GanEpoch epoch) => history.Add(epoch);

    /// <summary>A batch of z ~ N(0, I), [size, latent] float32, drawn from <paramref name="random"/>.</summary>
    internal static Tensor NormalNoise(TrainingRandom random, int size, int latent)
    {
        var z = new float[size * latent];
        for (var i = 0; i < z.Length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            z[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < z.Length) z[i + 1] = (float)(radius * Math.Sin(angle));
        }
        return tensor(z, [size, latent]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
        Generator.Dispose();
        Discriminator.Dispose();
        Images.Dispose();
    }

    private static Task<ImageDataset> LoadAsync(GanOptions options, ImageDataOptions? dataOptions, CancellationToken cancellationToken) =>
        ImageDatasets.LoadAsync(options.Data, (dataOptions ?? new ImageDataOptions()) with { DataDirectory = options.DataDirectory }, cancellationToken);
}

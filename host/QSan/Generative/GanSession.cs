using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using QSan.Autograd;
using QSan.Data;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Training;
using QSan.Visualization;

namespace QSan.Generative;

/// <summary>One epoch of GAN training.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss (real + fake BCE) over the epoch's minibatches.</param>
/// <param name="GeneratorLoss">Mean non-saturating generator loss.</param>
/// <param name="Gate">The attention block's gate γ at the end of the epoch (0 without a block).</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps.</param>
public sealed record GanEpoch(int Epoch, double DiscriminatorLoss, double GeneratorLoss, double Gate, double Seconds);

/// <summary>Receives a GAN's progress.</summary>
public interface IGanObserver
{
    /// <summary>After each minibatch.</summary>
    void OnBatch(int epoch, int batch, int batches);

    /// <summary>After each epoch, once its checkpoint is on disk.</summary>
    void OnEpoch(GanEpoch epoch);
}

/// <summary>
/// A GAN run in a folder: <c>checkpoint.qsan</c> (both networks, both Adam states, the shuffling and noise generators'
/// states, epoch and history; written atomically after every epoch, so <see cref="ResumeAsync"/> continues bit for bit),
/// <c>config.json</c>, <c>metrics.json</c>, <c>samples-epochNNN.png</c> every few epochs, <c>samples.png</c> and
/// <c>result.json</c> (Fréchet distance, floor, coverage) at the end.
/// </summary>
public sealed class GanSession
{
    /// <summary>The checkpoint's file name.</summary>
    public const string CheckpointFileName = "checkpoint.qsan";

    /// <summary>The final grid's file name.</summary>
    public const string SamplesFileName = "samples.png";

    /// <summary>Images in a sample grid unless told otherwise.</summary>
    public const int DefaultSampleCount = 64;

    /// <summary>The score's file name.</summary>
    public const string ResultFileName = "result.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private static ReadOnlySpan<byte> Magic => "QSANGAN1"u8;

    private readonly Adam generatorOptimizer;
    private readonly Adam discriminatorOptimizer;
    private readonly List<GanEpoch> history = [];
    private TrainingRandom shuffling;
    private TrainingRandom noise;

    private GanSession(GanOptions options, ImageDataset data, string directory, ICircuitSource? circuits)
    {
        Options = options;
        Data = data;
        Directory = directory;
        var train = options.TrainLimit is { } limit ? data.Train.Take(limit) : data.Train;
        TrainImages = train;
        QuantumQkv? quantum = null;
        if (options.Attention == GanAttention.Quantum)
        {
            if (circuits is null) throw new InvalidOperationException("Quantum attention needs a circuit source.");
            var family = circuits.Circuits(options.Qubits, options.Depth);
            var engine = new EngineFactory(circuits).Create(BackendChoice.Parse(options.Backend), options.Depth, TrainingRandom.SamplingSeed(options.Seed, 0));
            quantum = new QuantumQkv(engine.Engine, family.Circuit);
        }
        var init = TrainingRandom.ForInitialisation(options.Seed);
        Generator = new Generator(options, train.Width, train.Height, init, quantum);
        Discriminator = new Discriminator(options, train.PixelCount, init);
        generatorOptimizer = new Adam(Generator.Parameters(), options.LearningRate, options.Beta1);
        discriminatorOptimizer = new Adam(Discriminator.Parameters(), options.LearningRate, options.Beta1);
        shuffling = TrainingRandom.ForShuffling(options.Seed);
        noise = new TrainingRandom(TrainingRandom.DeriveSeed(options.Seed, 5));
    }

    /// <summary>The options.</summary>
    public GanOptions Options { get; }

    /// <summary>The images.</summary>
    public ImageDataset Data { get; }

    /// <summary>The training images actually used (after <see cref="GanOptions.TrainLimit"/>).</summary>
    public ImageSet TrainImages { get; }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The generator.</summary>
    public Generator Generator { get; }

    /// <summary>The discriminator.</summary>
    public Discriminator Discriminator { get; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>Seconds spent in training steps, over all sessions of the run.</summary>
    public double TrainSeconds { get; private set; }

    /// <summary>Per-epoch metrics.</summary>
    public IReadOnlyList<GanEpoch> History => history;

    /// <summary>The score written at the end, or null before.</summary>
    public GanScore? Result { get; private set; }

    /// <summary>Parameters of the generator's attention block.</summary>
    public int AttentionParameterCount => Generator.Block.ParameterCount();

    /// <summary>Parameters of both networks.</summary>
    public int ParameterCount => Generator.ParameterCount() + Discriminator.ParameterCount();

    /// <summary>Starts a run in <paramref name="directory"/> (created; must not hold a checkpoint).</summary>
    public static async Task<GanSession> CreateAsync(GanOptions options, string directory, ICircuitSource? circuits, ImageDataOptions? dataOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        options.Validate();
        if (File.Exists(Path.Combine(directory, CheckpointFileName)))
            throw new GanException($"'{directory}' already holds a run; continue it with --resume or choose another folder.");
        var data = await ImageDatasets.LoadAsync(options.Data, (dataOptions ?? new ImageDataOptions()) with { DataDirectory = options.DataDirectory }, cancellationToken).ConfigureAwait(false);
        System.IO.Directory.CreateDirectory(directory);
        var session = new GanSession(options, data, directory, circuits);
        RunFolder.WriteAllTextAtomically(Path.Combine(directory, RunFolder.ConfigFileName), JsonSerializer.Serialize(options, JsonOptions));
        return session;
    }

    /// <summary>Reopens the run in <paramref name="directory"/> where its checkpoint left it; <paramref name="epochs"/> extends it.</summary>
    public static async Task<GanSession> ResumeAsync(string directory, int? epochs, ICircuitSource? circuits, ImageDataOptions? dataOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, CheckpointFileName);
        if (!File.Exists(path)) throw new GanException($"'{directory}' holds no GAN checkpoint ({CheckpointFileName}).");
        var (header, arrays) = ReadCheckpoint(path);
        var options = header.Options with { Epochs = epochs ?? header.Options.Epochs };
        options.Validate();
        var data = await ImageDatasets.LoadAsync(options.Data, (dataOptions ?? new ImageDataOptions()) with { DataDirectory = options.DataDirectory }, cancellationToken).ConfigureAwait(false);
        var session = new GanSession(options, data, directory, circuits);
        session.Restore(header, arrays, path);
        return session;
    }

    /// <summary>Trains to <see cref="GanOptions.Epochs"/>, checkpointing after every epoch; then writes the final grid and score.</summary>
    public GanScore Train(IGanObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var pixels = TrainImages.PixelCount;
        var latent = Options.LatentSize;
        var order = Enumerable.Range(0, TrainImages.Count).ToArray();
        var batches = (order.Length + Options.BatchSize - 1) / Options.BatchSize;
        while (Epoch < Options.Epochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var epoch = Epoch + 1;
            // Each epoch shuffles the identity, so a resumed run (which starts from the identity) draws the same order.
            for (var i = 0; i < order.Length; i++) order[i] = i;
            shuffling.Shuffle(order);
            double dLossSum = 0, gLossSum = 0;
            for (var b = 0; b < batches; b++)
            {
                var start = b * Options.BatchSize;
                var size = Math.Min(Options.BatchSize, order.Length - start);
                var real = new double[size * pixels];
                for (var i = 0; i < size; i++) TrainImages.Image(order[start + i]).CopyTo(real.AsSpan(i * pixels, pixels));

                // Discriminator step on real images and detached fakes.
                Tensor fake;
                using (Tensor.NoGrad()) fake = Generator.Forward(NoiseBatch(size, latent));
                var dReal = Discriminator.Forward(Tensor.FromArray(real, [size, pixels]));
                var dFake = Discriminator.Forward(fake);
                var dLoss = Functional.BinaryCrossEntropyWithLogits(dReal, Tensor.Full([size, 1], Options.RealLabel))
                    + Functional.BinaryCrossEntropyWithLogits(dFake, Tensor.Zeros([size, 1]));
                discriminatorOptimizer.ZeroGrad();
                dLoss.Backward();
                discriminatorOptimizer.Step();

                // Generator step with the non-saturating loss; the discriminator's parameters are held fixed.
                SetRequiresGrad(Discriminator, false);
                var gLoss = Functional.BinaryCrossEntropyWithLogits(Discriminator.Forward(Generator.Forward(NoiseBatch(size, latent))), Tensor.Ones([size, 1]));
                generatorOptimizer.ZeroGrad();
                gLoss.Backward();
                generatorOptimizer.Step();
                SetRequiresGrad(Discriminator, true);

                dLossSum += dLoss.Item();
                gLossSum += gLoss.Item();
                observer?.OnBatch(epoch, b + 1, batches);
            }
            clock.Stop();
            Epoch = epoch;
            TrainSeconds += clock.Elapsed.TotalSeconds;
            var record = new GanEpoch(epoch, dLossSum / batches, gLossSum / batches, Generator.Block.Gate?.Data[0] ?? 0, clock.Elapsed.TotalSeconds);
            history.Add(record);
            WriteCheckpoint();
            RunFolder.WriteAllTextAtomically(Path.Combine(Directory, RunFolder.MetricsFileName), JsonSerializer.Serialize(history, JsonOptions));
            if (epoch % Options.SampleEvery == 0 || epoch == Options.Epochs)
                ImageGridPng.Write(Path.Combine(Directory, $"samples-epoch{epoch:D3}.png"), SampleGrid(DefaultSampleCount), Scale);
            observer?.OnEpoch(record);
        }

        ImageGridPng.Write(Path.Combine(Directory, SamplesFileName), SampleGrid(DefaultSampleCount), Scale);
        Result = Score();
        RunFolder.WriteAllTextAtomically(Path.Combine(Directory, ResultFileName), JsonSerializer.Serialize(new
        {
            data = Data.Name,
            attention = Options.Attention.ToString().ToLowerInvariant(),
            epochs = Epoch,
            parameters = ParameterCount,
            attentionParameters = AttentionParameterCount,
            trainSeconds = TrainSeconds,
            frechet = Result.Frechet,
            floor = Result.Floor,
            coverage = Result.Coverage,
            classifierAccuracy = Result.ClassifierAccuracy,
            samples = Result.Samples,
        }, JsonOptions));
        return Result;
    }

    /// <summary>Scores <see cref="GanEvaluation.MaxHalf"/> generated images against the test images (seeded by the run's seed).</summary>
    public GanScore Score() => GanEvaluation.Score(DomainClassifier.For(Data), Data.Test, Generate(GanEvaluation.MaxHalf, TrainingRandom.SamplingSeed(Options.Seed, 2)));

    /// <summary><paramref name="count"/> images ([count × pixels]) from the generator, noise seeded by <paramref name="seed"/>.</summary>
    public double[] Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new TrainingRandom(TrainingRandom.DeriveSeed(seed, 6));
        var result = new double[count * TrainImages.PixelCount];
        using var _ = Tensor.NoGrad();
        for (var start = 0; start < count; start += 256)
        {
            var size = Math.Min(256, count - start);
            var z = new double[size * Options.LatentSize];
            FillNormal(z, random);
            Generator.Forward(Tensor.FromArray(z, [size, Options.LatentSize])).Data.CopyTo(result, start * TrainImages.PixelCount);
        }
        return result;
    }

    /// <summary>A square-ish grid of <paramref name="count"/> samples from fixed noise (the same grid each epoch).</summary>
    public ImageGrid SampleGrid(int count, int? seed = null) =>
        new((int)Math.Ceiling(Math.Sqrt(count)), TrainImages.Width, TrainImages.Height, Generate(count, seed ?? TrainingRandom.SamplingSeed(Options.Seed, 1)));

    /// <summary>Pixel scale of the PNG grids (8×8 digits are drawn 4× larger).</summary>
    public int Scale => TrainImages.Width < 16 ? 4 : 2;

    private Tensor NoiseBatch(int size, int latent)
    {
        var z = new double[size * latent];
        FillNormal(z, noise);
        return new Tensor(z, [size, latent]);
    }

    private static void FillNormal(double[] destination, TrainingRandom random)
    {
        for (var i = 0; i < destination.Length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            destination[i] = radius * Math.Cos(angle);
            if (i + 1 < destination.Length) destination[i + 1] = radius * Math.Sin(angle);
        }
    }

    private static void SetRequiresGrad(Module module, bool value)
    {
        foreach (var p in module.Parameters()) p.RequiresGrad = value;
    }

    private sealed record Header(
        GanOptions Options, int Epoch, ulong[] Shuffling, ulong[] Noise, List<GanEpoch> History, double TrainSeconds,
        string[] GeneratorNames, string[] DiscriminatorNames, long GeneratorSteps, long DiscriminatorSteps, int GeneratorBuffers, int DiscriminatorBuffers);

    private void WriteCheckpoint()
    {
        var g = generatorOptimizer.SaveState();
        var d = discriminatorOptimizer.SaveState();
        var gState = Generator.StateDict();
        var dState = Discriminator.StateDict();
        var header = new Header(Options, Epoch, shuffling.State, noise.State, history, TrainSeconds,
            [.. gState.Keys], [.. dState.Keys], g.StepCount, d.StepCount, g.Buffers.Length, d.Buffers.Length);
        var path = Path.Combine(Directory, CheckpointFileName);
        var temporary = Path.Combine(Directory, $".{CheckpointFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                var json = JsonSerializer.SerializeToUtf8Bytes(header);
                writer.Write(json.Length);
                writer.Write(json);
                foreach (var values in gState.Values.Concat(dState.Values).Concat(g.Buffers).Concat(d.Buffers))
                {
                    writer.Write(values.Length);
                    writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
                }
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static (Header Header, List<double[]> Arrays) ReadCheckpoint(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            Span<byte> magic = stackalloc byte[8];
            if (stream.Read(magic) != magic.Length || !magic.SequenceEqual(Magic)) throw new GanException($"'{path}' is not a QSan GAN checkpoint.");
            var length = reader.ReadInt32();
            if (length <= 0 || length > stream.Length) throw new GanException($"'{path}' is damaged (bad header length).");
            var header = JsonSerializer.Deserialize<Header>(reader.ReadBytes(length)) ?? throw new GanException($"'{path}' is damaged (empty header).");
            var arrays = new List<double[]>();
            while (stream.Position < stream.Length)
            {
                var count = reader.ReadInt32();
                if (count < 0 || (long)count * sizeof(double) > stream.Length - stream.Position) throw new GanException($"'{path}' is damaged (bad array length).");
                var values = new double[count];
                stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                arrays.Add(values);
            }
            return (header, arrays);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or NotSupportedException)
        {
            throw new GanException($"'{path}' is damaged or truncated: {e.Message}", e);
        }
    }

    private void Restore(Header header, List<double[]> arrays, string path)
    {
        var expected = header.GeneratorNames.Length + header.DiscriminatorNames.Length + header.GeneratorBuffers + header.DiscriminatorBuffers;
        if (arrays.Count != expected) throw new GanException($"'{path}' is damaged: {arrays.Count} arrays, expected {expected}.");
        var index = 0;
        Dictionary<string, double[]> Take(string[] names) => names.ToDictionary(n => n, _ => arrays[index++], StringComparer.Ordinal);
        try
        {
            Generator.LoadStateDict(Take(header.GeneratorNames));
            Discriminator.LoadStateDict(Take(header.DiscriminatorNames));
        }
        catch (ArgumentException e)
        {
            throw new GanException($"'{path}' does not fit the networks its options describe: {e.Message}", e);
        }
        var g = arrays.GetRange(index, header.GeneratorBuffers).ToArray();
        index += header.GeneratorBuffers;
        var d = arrays.GetRange(index, header.DiscriminatorBuffers).ToArray();
        generatorOptimizer.LoadState(new OptimizerState("Adam", header.GeneratorSteps, Options.LearningRate, g));
        discriminatorOptimizer.LoadState(new OptimizerState("Adam", header.DiscriminatorSteps, Options.LearningRate, d));
        shuffling = new TrainingRandom(header.Shuffling);
        noise = new TrainingRandom(header.Noise);
        Epoch = header.Epoch;
        TrainSeconds = header.TrainSeconds;
        history.AddRange(header.History);
    }
}

using QSan.Data;
using QSan.Generative;
using QSan.Quantum.Qsann;
using QSan.Visualization;

namespace QSan.Torch.Generative;

/// <summary>
/// The handle on one GAN run that programs and notebooks hold: it owns the run's <see cref="GanRunState"/>
/// (<see cref="State"/>) and trains it with <see cref="GanTrainingLoop"/>. <see cref="CreateAsync"/> or
/// <see cref="ResumeAsync"/>, then <see cref="Train"/>; <see cref="SampleGrid"/> and <see cref="SampleGridPng"/> show
/// what the generator draws, <see cref="FrechetCurveSvg"/> how its Fréchet distance fell. Opens the Q# project for
/// quantum attention unless given a circuit source.
/// </summary>
public sealed class GanRun : IDisposable
{
    private readonly IDisposable? ownedCircuits;

    private GanRun(GanRunState state, IDisposable? owned)
    {
        State = state;
        ownedCircuits = owned;
    }

    /// <summary>The run's state (networks, optimisers, history, run folder), which <see cref="Train"/> advances.</summary>
    public GanRunState State { get; }

    /// <summary>The run folder.</summary>
    public string Directory => State.Directory;

    /// <summary>The score, once trained.</summary>
    public GanScore? Result => State.Result;

    /// <summary><c>runs/gan-&lt;data&gt;-&lt;attention&gt;-seed&lt;seed&gt;-&lt;time&gt;</c>, made unique.</summary>
    public static string DefaultDirectory(GanOptions options, string root = "runs")
    {
        ArgumentNullException.ThrowIfNull(options);
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"gan-{ImageDatasets.ShortName(options.Data)}-{GanOptions.Name(options.Attention)}-seed{options.Seed}-{stamp}";
        var path = Path.Combine(root, name);
        for (var i = 2; System.IO.Directory.Exists(path); i++) path = Path.Combine(root, $"{name}-{i}");
        return path;
    }

    /// <summary>Starts a run (loads the images; opens the Q# project for quantum attention when <paramref name="circuits"/> is null).</summary>
    public static async Task<GanRun> CreateAsync(GanOptions options, string? directory = null, ICircuitSource? circuits = null, string? quantumDirectory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (source, owned) = Open(options.Attention == GanAttention.Quantum, circuits, quantumDirectory);
        try
        {
            return new GanRun(await GanRunState.CreateAsync(options, directory ?? DefaultDirectory(options), source, cancellationToken: cancellationToken).ConfigureAwait(false), owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    /// <summary>Continues the run in <paramref name="directory"/> bit for bit; <paramref name="epochs"/> extends it.</summary>
    public static async Task<GanRun> ResumeAsync(string directory, int? epochs = null, ICircuitSource? circuits = null, string? quantumDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var quantum = GanCheckpoint.Read(directory).Header.Options.Attention == GanAttention.Quantum;
        var (source, owned) = Open(quantum, circuits, quantumDirectory);
        try
        {
            return new GanRun(await GanRunState.ResumeAsync(directory, epochs, source, cancellationToken: cancellationToken).ConfigureAwait(false), owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    /// <summary><see cref="CreateAsync"/> and <see cref="Train"/> in one call.</summary>
    public static async Task<GanRun> TrainAsync(GanOptions options, IGanObserver? observer = null, string? directory = null, ICircuitSource? circuits = null,
        CancellationToken cancellationToken = default)
    {
        var run = await CreateAsync(options, directory, circuits, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            run.Train(observer, cancellationToken);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>Trains to the epoch limit, then writes the final grid and score.</summary>
    public GanScore Train(IGanObserver? observer = null, CancellationToken cancellationToken = default) => GanTrainingLoop.Train(State, observer, cancellationToken);

    /// <summary><paramref name="count"/> samples as a grid (plain pixels), noise from <paramref name="seed"/> (null: the run's fixed grid noise).</summary>
    public ImageGrid SampleGrid(int count = GanRunState.DefaultSampleCount, int? seed = null) => State.SampleGrid(count, seed);

    /// <summary>The same grid as PNG bytes.</summary>
    public byte[] SampleGridPng(int count = GanRunState.DefaultSampleCount, int? seed = null) => ImageGridPng.Render(SampleGrid(count, seed), State.Scale);

    /// <summary>The Fréchet distance after each epoch, as SVG.</summary>
    public string FrechetCurveSvg() => GanFigures.FrechetCurve(State);

    /// <summary>The finished run's figures (result.json).</summary>
    public GanRunResult Summary() => GanRunResult.From(State);

    /// <inheritdoc/>
    public void Dispose()
    {
        State.Dispose();
        ownedCircuits?.Dispose();
    }

    private static (ICircuitSource? Source, IDisposable? Owned) Open(bool quantum, ICircuitSource? circuits, string? quantumDirectory)
    {
        if (!quantum) return (null, null);
        if (circuits is not null) return (circuits, null);
        var source = new QSharpCircuitSource(quantumDirectory);
        return (source, source);
    }
}

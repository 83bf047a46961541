using QSan.Data;
using QSan.Evaluation;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Training;

namespace QSan.Experiments;

/// <summary>
/// The handle on one training run that programs and notebooks hold: it owns the run's <see cref="TrainingRunState"/>
/// (<see cref="State"/>) and trains it with <see cref="TrainingLoop"/>. A run is created (or resumed, or opened) from a
/// run folder, trained with progress reported to an observer, then asked for its result, its training curve, the
/// attention of a sentence and predictions. Two steps, so a caller can show what is about to be trained
/// (<see cref="State"/>) before it starts:
/// <code>
/// using var run = await TrainingRun.CreateAsync(TrainingPresets.Paper(DataSpec.Named("yelp")));
/// var result = run.Train(TrainingProgress.Lines(Console.Out));
/// </code>
/// Around the state and the loop it adds what a program needs: the Q# project opened and closed, the run folder's
/// figures, predictions and evaluation. Dispose it to stop the Q# bridge it may have started.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly IDisposable? ownedCircuits;

    private TrainingRun(TrainingRunState state, ICircuitSource? circuits, IDisposable? ownedCircuits)
    {
        State = state;
        Circuits = circuits;
        this.ownedCircuits = ownedCircuits;
    }

    /// <summary>The run's state: its options, data, model, optimiser and <see cref="TrainingRunState.Record"/>.</summary>
    public TrainingRunState State { get; }

    /// <summary>Where QSANN's circuits come from (null for CSANN).</summary>
    public ICircuitSource? Circuits { get; }

    /// <summary>The options the run trains with.</summary>
    public TrainingOptions Options => State.Options;

    /// <summary>The run folder.</summary>
    public string Directory => State.OutputDirectory;

    /// <summary>The classifier (holding the selected weights once trained).</summary>
    public SentenceClassifier Model => State.Model;

    /// <summary>The final scores, or null until <see cref="Train"/> has finished.</summary>
    public TrainingResult? Result => State.Result;

    /// <summary>Loss and accuracy of every epoch so far.</summary>
    public IReadOnlyList<EpochMetrics> Curve => State.History;

    /// <summary>
    /// A new run: loads the data, builds the vocabulary and the model, and creates its folder (by default a fresh one
    /// under <c>runs/</c>) with the configuration and the epoch-0 checkpoint. Nothing is trained yet.
    /// </summary>
    /// <param name="options">The run's options, e.g. <see cref="TrainingPresets.Paper(DataSpec, Model.ModelKind, int)"/>.</param>
    /// <param name="directory">The run folder, or null for <see cref="RunFolder.DefaultDirectory"/> under <paramref name="runsDirectory"/>.</param>
    /// <param name="circuits">QSANN's circuits (shared between runs, owned by the caller), or null to open the Q# project of the options.</param>
    /// <param name="runsDirectory">Where a default run folder goes.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingRun> CreateAsync(TrainingOptions options, string? directory = null, ICircuitSource? circuits = null,
        string runsDirectory = "runs", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (source, owned) = Open(options.Model.Kind == ModelKind.Qsann, circuits, options.QuantumDirectory);
        try
        {
            var state = await TrainingRunState.CreateAsync(options, directory ?? RunFolder.DefaultDirectory(options, runsDirectory), source, cancellationToken).ConfigureAwait(false);
            return new TrainingRun(state, source, owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the run in <paramref name="directory"/> where its checkpoint left it; with <paramref name="epochs"/>, a
    /// completed run is extended to that many epochs. Call <see cref="Train"/> to continue.
    /// </summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="epochs">A new epoch count, or null to keep the saved one.</param>
    /// <param name="circuits">QSANN's circuits, or null to open the Q# project (<paramref name="quantumDirectory"/>).</param>
    /// <param name="quantumDirectory">The Q# project folder when <paramref name="circuits"/> is null (a machine detail, not saved with the run).</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static Task<TrainingRun> ResumeAsync(string directory, int? epochs = null, ICircuitSource? circuits = null, string? quantumDirectory = null,
        CancellationToken cancellationToken = default) =>
        OpenWithAsync(circuits, quantumDirectory, source => TrainingRunState.ResumeAsync(directory, epochs, source, cancellationToken));

    /// <summary>A finished (or interrupted) run, its model holding the selected weights: for predictions, pictures and evaluation.</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="circuits">QSANN's circuits, or null to open the Q# project (<paramref name="quantumDirectory"/>).</param>
    /// <param name="quantumDirectory">The Q# project folder when <paramref name="circuits"/> is null.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static Task<TrainingRun> OpenAsync(string directory, ICircuitSource? circuits = null, string? quantumDirectory = null,
        CancellationToken cancellationToken = default) =>
        OpenWithAsync(circuits, quantumDirectory, source => TrainingRunState.OpenAsync(directory, source, cancellationToken: cancellationToken));

    /// <summary><see cref="CreateAsync"/> and <see cref="Train"/> in one call.</summary>
    public static async Task<TrainingRun> TrainAsync(TrainingOptions options, ITrainingObserver? observer = null, string? directory = null,
        ICircuitSource? circuits = null, CancellationToken cancellationToken = default)
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

    /// <summary>
    /// Trains until the epoch limit or early stopping, scores the selected weights once on the test split, and writes the
    /// run folder (checkpoint after every epoch, metrics, result, figures). A finished run only returns its result.
    /// </summary>
    /// <param name="observer">Receives progress (e.g. <see cref="TrainingProgress.Lines"/>), or null.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run: <see cref="OperationCanceledException"/> is thrown and the folder keeps the checkpoint of the
    /// last completed epoch, from which <see cref="ResumeAsync"/> continues exactly.
    /// </param>
    public TrainingResult Train(ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var finishing = State.Result is null;
        var result = TrainingLoop.Run(State, observer, cancellationToken);
        if (finishing) RunFigures.Write(State);
        return result;
    }

    /// <summary>
    /// Scores the run's selected weights, as saved in its folder, on <paramref name="backend"/> (null: the run's own): an
    /// exact engine, noise, local shots (<see cref="BackendChoice.Shots"/>) or an Azure Quantum target configured in the
    /// environment. For the other choices of <see cref="EvaluationRequest"/> (another dataset, a file, Azure settings, a
    /// dry run) call <see cref="ModelEvaluation.RunAsync"/>.
    /// </summary>
    /// <param name="backend">Where QSANN's circuits run, or null for the run's own backend.</param>
    /// <param name="split">Only this split (train, validation or test), or null for all of them.</param>
    /// <param name="info">Receives an Azure evaluation's plan, estimate and job progress.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<EvaluationReport> EvaluateAsync(BackendChoice? backend = null, string? split = null, Action<string>? info = null,
        CancellationToken cancellationToken = default)
    {
        // A CSANN run has no circuits; scoring it never opens the Q# project this stands in for.
        using var none = Circuits is null ? new QSharpCircuitSource(Options.QuantumDirectory) : null;
        var report = await ModelEvaluation.RunAsync(new EvaluationRequest(Directory, backend, split), Circuits ?? none!, info, cancellationToken).ConfigureAwait(false);
        return report ?? throw new InvalidOperationException("An evaluation without a dry run returns its report.");
    }

    /// <summary>Probability of label 1 and attention weights of each sentence under the model's current weights.</summary>
    public IReadOnlyList<SentenceAnalysis> Predict(params string[] sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return SentenceAnalyzer.Analyze(State.Model, State.Tokenizer, State.Vocabulary, sentences);
    }

    /// <summary>The training curve as SVG (also the run folder's <c>training-curve.svg</c>).</summary>
    public string TrainingCurveSvg() => RunFigures.TrainingCurve(State);

    /// <summary>Attention heatmaps of <paramref name="sentences"/>, one per layer and head, as SVG.</summary>
    public string AttentionSvg(params string[] sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return RunFigures.Attention(State, sentences);
    }

    /// <inheritdoc/>
    public void Dispose() => ownedCircuits?.Dispose();

    private static async Task<TrainingRun> OpenWithAsync(ICircuitSource? circuits, string? quantumDirectory, Func<ICircuitSource?, Task<TrainingRunState>> open)
    {
        // The saved options say whether the run is QSANN; the Q# project opens lazily, so a CSANN run never starts the bridge.
        var (source, owned) = Open(true, circuits, quantumDirectory);
        try
        {
            var state = await open(source).ConfigureAwait(false);
            return new TrainingRun(state, state.Options.Model.Kind == ModelKind.Qsann ? source : null, owned);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    private static (ICircuitSource? Source, IDisposable? Owned) Open(bool quantum, ICircuitSource? circuits, string? quantumDirectory)
    {
        if (!quantum) return (null, null);
        if (circuits is not null) return (circuits, null);
        var source = new QSharpCircuitSource(quantumDirectory);
        return (source, source);
    }
}

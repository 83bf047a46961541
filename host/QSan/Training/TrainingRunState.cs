using System.Text.Json;
using QSan.Autograd;
using QSan.Data;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;

namespace QSan.Training;

/// <summary>
/// The state of one run in memory, which <see cref="TrainingLoop"/> advances epoch by epoch and
/// <c>Experiments.TrainingRun</c> (the handle programs hold) wraps: its options and folder, its data
/// (<see cref="RunData"/>), the model and Adam (fresh, or restored from a checkpoint), the shuffling generator, and its
/// <see cref="Record"/> of epochs and selection (<see cref="TrainingRecord"/>).
/// </summary>
public sealed class TrainingRunState
{
    private readonly Action<int>? reseedSampler;

    private TrainingRunState(TrainingOptions options, string outputDirectory, RunData data, BuiltModel model, TrainingRandom random, TrainingRecord? record)
    {
        Options = options;
        OutputDirectory = outputDirectory;
        Data = data;
        Model = model.Classifier;
        Trainable = TrainingFrameworks.Create(Model, options);
        Random = random;
        CircuitSourceHash = model.SourceHash;
        CompilerVersion = model.CompilerVersion;
        reseedSampler = model.Reseed;
        Record = record ?? TrainingRecord.Start(Trainable.StateDict());
    }

    /// <summary>The run's options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The run folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>The splits, tokenizer and vocabulary.</summary>
    public RunData Data { get; }

    /// <summary>
    /// The classifier as QSan's model: what figures, predictions and evaluations read. With QSan's framework it is the
    /// model being trained; with another it receives the selected weights when training finishes.
    /// </summary>
    public SentenceClassifier Model { get; }

    /// <summary>The classifier as the options' framework trains it, with its optimiser.</summary>
    public ITrainableClassifier Trainable { get; }

    /// <summary>Shuffles the training split each epoch.</summary>
    public TrainingRandom Random { get; }

    /// <summary>The run's record: epochs, selection, history, time and result so far.</summary>
    public TrainingRecord Record { get; }

    /// <summary>Hash of the Q# sources of the circuits (QSANN).</summary>
    public string? CircuitSourceHash { get; }

    /// <summary>Version of the Q# compiler that compiled them (QSANN).</summary>
    public string? CompilerVersion { get; }

    /// <summary>Built from the training split.</summary>
    public Vocabulary Vocabulary => Data.Vocabulary;

    /// <summary>Cuts sentences into tokens.</summary>
    public Tokenizer Tokenizer => Data.Tokenizer;

    /// <summary>The sentences fitted on.</summary>
    public EncodedSentences Train => Data.Train;

    /// <summary>The sentences that select the epoch (may be empty).</summary>
    public EncodedSentences Validation => Data.Validation;

    /// <summary>The sentences scored once at the end.</summary>
    public EncodedSentences Test => Data.Test;

    /// <summary>Completed epochs.</summary>
    public int Epoch => Record.Epoch;

    /// <summary>Per-epoch metrics so far.</summary>
    public IReadOnlyList<EpochMetrics> History => Record.History;

    /// <summary>The final scores once finished.</summary>
    public TrainingResult? Result => Record.Result;

    /// <summary>
    /// Loads the data, builds the vocabulary from the training split and a freshly initialised model, and creates the
    /// run folder (which must not already hold a run) with the configuration and the epoch-0 checkpoint.
    /// </summary>
    /// <param name="options">The run's options.</param>
    /// <param name="outputDirectory">The run folder.</param>
    /// <param name="circuits">Where QSANN's circuits come from (unused for CSANN).</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingRunState> CreateAsync(TrainingOptions options, string outputDirectory, ICircuitSource? circuits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        options.Validate();
        if (File.Exists(RunFolder.CheckpointPath(outputDirectory)))
            throw new CheckpointException($"'{outputDirectory}' already holds a run; continue it with {nameof(TrainingRunState)}.{nameof(ResumeAsync)}, or choose another folder.");
        var data = await RunData.LoadAsync(options, null, cancellationToken).ConfigureAwait(false);
        var model = BuildModel(options, data.Vocabulary.Count, circuits);
        var state = new TrainingRunState(options, outputDirectory, data, model, TrainingRandom.ForShuffling(options.Seed), null);
        Directory.CreateDirectory(outputDirectory);
        RunFolder.WriteAllTextAtomically(Path.Combine(outputDirectory, RunFolder.ConfigFileName), state.DescribeConfig());
        // Epoch 0's checkpoint makes even a run interrupted in its first epoch resumable.
        CheckpointFile.Write(RunFolder.CheckpointPath(outputDirectory), state.ToCheckpoint());
        return state;
    }

    /// <summary>
    /// Restores a run from its folder's checkpoint, reloading (and checking) the same data. With
    /// <paramref name="epochs"/>, a run that completed its epochs is extended to that many.
    /// </summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="epochs">A new epoch count, or null to keep the saved one.</param>
    /// <param name="circuits">Where QSANN's circuits come from.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingRunState> ResumeAsync(string directory, int? epochs, ICircuitSource? circuits, CancellationToken cancellationToken = default)
    {
        var checkpoint = CheckpointFile.ReadRun(directory);
        var options = checkpoint.Options;
        if (epochs is { } requested)
        {
            if (requested < checkpoint.Epoch)
                throw new ArgumentException($"The run in '{directory}' has already trained {checkpoint.Epoch} epochs; {requested} epochs would go back.");
            if (checkpoint.Stop == TrainingStop.EarlyStopped && requested > checkpoint.Epoch)
                throw new ArgumentException($"The run in '{directory}' stopped early at epoch {checkpoint.Epoch}; it cannot be extended.");
            options = options with { Epochs = requested };
        }
        var state = await RestoreAsync(checkpoint, options, directory, circuits, default, cancellationToken).ConfigureAwait(false);
        // A completed run given more epochs continues; otherwise its saved end (and result) stands.
        if (checkpoint.Stop == TrainingStop.Completed && options.Epochs > checkpoint.Epoch) state.Record.Reopen();
        return state;
    }

    /// <summary>Restores a finished (or interrupted) run for use: its model with the selected weights loaded.</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="circuits">Where QSANN's circuits come from.</param>
    /// <param name="backend">Another backend to evaluate with, or null for the run's own. Only QSANN has circuits to run elsewhere.</param>
    /// <param name="remoteTargets">Opens an engine on a remote target (see <see cref="EngineFactory"/>), for an Azure backend.</param>
    /// <param name="samplingSeed">Seed of local shot sampling, or null for the run's own sampling stream.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingRunState> OpenAsync(string directory, ICircuitSource? circuits, BackendChoice? backend = null,
        Func<string, int, IQuantumEngine>? remoteTargets = null, int? samplingSeed = null, CancellationToken cancellationToken = default)
    {
        var checkpoint = CheckpointFile.ReadRun(directory);
        var state = await RestoreAsync(checkpoint, checkpoint.Options, directory, circuits, new ModelBackend(backend, remoteTargets, samplingSeed), cancellationToken).ConfigureAwait(false);
        state.Model.LoadStateDict(state.Record.BestWeights);
        state.Trainable.LoadStateDict(state.Record.BestWeights);
        return state;
    }

    /// <summary>Builds a model for a saved run's options and vocabulary without loading any data (for <c>predict</c> and <c>inspect</c>).</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="circuits">Where QSANN's circuits come from.</param>
    /// <param name="backend">Another backend to evaluate with, or null for the run's own.</param>
    /// <param name="remoteTargets">Opens an engine on a remote target (see <see cref="EngineFactory"/>), for an Azure backend.</param>
    /// <param name="samplingSeed">Seed of local shot sampling, or null for the run's own sampling stream.</param>
    public static (SentenceClassifier Model, Vocabulary Vocabulary, Checkpoint Checkpoint) LoadModel(string directory, ICircuitSource? circuits, BackendChoice? backend = null,
        Func<string, int, IQuantumEngine>? remoteTargets = null, int? samplingSeed = null)
    {
        var checkpoint = CheckpointFile.ReadRun(directory);
        var vocabulary = Vocabulary.FromWords(checkpoint.Vocabulary);
        var model = BuildModel(checkpoint.Options, vocabulary.Count, circuits, new ModelBackend(backend, remoteTargets, samplingSeed)).Classifier;
        LoadWeights(model, checkpoint.BestWeights, directory);
        return (model, vocabulary, checkpoint);
    }

    /// <summary>Restarts local shot sampling for a phase (an epoch, or 0 for the final scores); see <see cref="TrainingRandom.SamplingSeed"/>.</summary>
    internal void ReseedSampler(int phase) => reseedSampler?.Invoke(TrainingRandom.SamplingSeed(Options.Seed, phase));

    /// <summary>The checkpoint of the run as it stands (weights as they are now).</summary>
    public Checkpoint ToCheckpoint() => new(
        Options, Vocabulary.Words, Data.Fingerprint, Record.Epoch, Random.State, Trainable.SaveOptimizer(), Trainable.StateDict(), Record.BestWeights,
        Record.BestEpoch, Record.BestValidationAccuracy, Record.BestValidationLoss, Record.EpochsWithoutImprovement, [.. Record.History], Record.TrainSeconds,
        Record.Stop, Record.Result, CircuitSourceHash, CompilerVersion);

    /// <summary>The options with the model's sizes, as <c>config.json</c> holds them.</summary>
    public string DescribeConfig() => JsonSerializer.Serialize(new
    {
        Options,
        Parameters = Model.ParametersOutsideEmbeddings,
        EmbeddingParameters = Model.Embedding.Weight.Count,
        Dimension = Model.Dimension,
        VocabularySize = Vocabulary.Count,
        TrainSentences = Train.Count,
        ValidationSentences = Validation.Count,
        TestSentences = Test.Count,
        CircuitSourceHash,
        CompilerVersion,
    }, Json.Indented);

    private static async Task<TrainingRunState> RestoreAsync(Checkpoint checkpoint, TrainingOptions options, string directory, ICircuitSource? circuits,
        ModelBackend backend, CancellationToken cancellationToken)
    {
        options.Validate();
        var data = await RunData.LoadAsync(options, checkpoint.Vocabulary, cancellationToken).ConfigureAwait(false);
        if (data.Fingerprint != checkpoint.DataFingerprint)
            throw new CheckpointException($"The data of the run in '{directory}' has changed since it was saved (fingerprint {checkpoint.DataFingerprint}, now {data.Fingerprint}).");
        var model = BuildModel(options, data.Vocabulary.Count, circuits, backend);
        var state = new TrainingRunState(options, directory, data, model, new TrainingRandom(checkpoint.RandomState), TrainingRecord.From(checkpoint));
        LoadWeights(state.Model, checkpoint.Weights, directory);
        state.Trainable.LoadStateDict(checkpoint.Weights);
        try
        {
            state.Trainable.LoadOptimizer(checkpoint.Optimizer);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"The optimiser state in '{directory}' does not fit the model: {e.Message}", e);
        }
        return state;
    }

    private static void LoadWeights(SentenceClassifier model, IReadOnlyDictionary<string, double[]> weights, string directory)
    {
        try
        {
            model.LoadStateDict(weights);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"The weights in '{directory}' do not fit the model its options describe: {e.Message}", e);
        }
    }

    /// <summary>Where a restored model's circuits run instead of the run's own backend (all null: the run's own).</summary>
    private readonly record struct ModelBackend(BackendChoice? Backend, Func<string, int, IQuantumEngine>? RemoteTargets, int? SamplingSeed);

    /// <summary>A freshly initialised model, where its circuits came from, and how to reseed its shot sampling.</summary>
    private sealed record BuiltModel(SentenceClassifier Classifier, string? SourceHash, string? CompilerVersion, Action<int>? Reseed);

    /// <summary>The model for the options, its circuits on <paramref name="other"/>'s backend or the options' own.</summary>
    private static BuiltModel BuildModel(TrainingOptions options, int vocabularySize, ICircuitSource? circuits, ModelBackend other = default)
    {
        var initRandom = TrainingRandom.ForInitialisation(options.Seed);
        if (options.Model.Kind == ModelKind.Csann)
        {
            if (other.Backend is { } backend && backend != BackendChoice.Native)
                throw new ArgumentException($"This run is CSANN, a classical model without circuits; only QSANN runs on {backend}.");
            return new BuiltModel(ModelFactory.Create(options.Model, vocabularySize, initRandom, null), null, null, null);
        }
        if (circuits is null) throw new InvalidOperationException("QSANN needs a circuit source.");
        var family = circuits.Circuits(options.Model.Qubits, options.Model.Depth);
        var engine = new EngineFactory(circuits, other.RemoteTargets).Create(other.Backend ?? options.BackendChoice, options.Model.Depth,
            other.SamplingSeed ?? TrainingRandom.SamplingSeed(options.Seed, 0));
        var quantum = new QuantumQkv(engine.Engine, family.Circuit);
        return new BuiltModel(ModelFactory.Create(options.Model, vocabularySize, initRandom, quantum), family.SourceHash, family.CompilerVersion, engine.Reseed);
    }
}

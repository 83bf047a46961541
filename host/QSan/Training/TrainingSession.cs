using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QSan.Autograd;
using QSan.Data;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Training;

/// <summary>
/// A run ready to train: its data encoded, the model, Adam and the shuffling generator built (fresh, or restored from a
/// checkpoint), and the selection bookkeeping. <see cref="Trainer"/> advances it epoch by epoch.
/// </summary>
public sealed class TrainingSession
{
    // Streams of TrainingRandom.DeriveSeed: each purpose draws from its own sequence.
    private const int ValidationStream = 1;
    private const int InitialisationStream = 2;
    private const int ShuffleStream = 3;
    private const int SamplingStream = 4;

    private Action<int>? reseedSampler;

    private TrainingSession(TrainingOptions options, string outputDirectory, Vocabulary vocabulary, Tokenizer tokenizer,
        EncodedSentences train, EncodedSentences validation, EncodedSentences test, string dataFingerprint,
        SentenceClassifier model, Adam optimizer, TrainingRandom random, string? circuitSourceHash, string? compilerVersion)
    {
        Options = options;
        OutputDirectory = outputDirectory;
        Vocabulary = vocabulary;
        Tokenizer = tokenizer;
        Train = train;
        Validation = validation;
        Test = test;
        DataFingerprint = dataFingerprint;
        Model = model;
        Optimizer = optimizer;
        Random = random;
        CircuitSourceHash = circuitSourceHash;
        CompilerVersion = compilerVersion;
        BestWeights = model.StateDict();
    }

    /// <summary>The run's options.</summary>
    public TrainingOptions Options { get; private set; }

    /// <summary>The run folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>Built from the training split.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Cuts sentences into tokens.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>The sentences fitted on.</summary>
    public EncodedSentences Train { get; }

    /// <summary>The sentences that select the epoch (may be empty).</summary>
    public EncodedSentences Validation { get; }

    /// <summary>The sentences scored once at the end.</summary>
    public EncodedSentences Test { get; }

    /// <summary>Where the data came from (folder, cache or generator).</summary>
    public string DataOrigin { get; private set; } = "";

    /// <summary>Things about the data the user should see (e.g. a file whose checksum differs from the canonical one).</summary>
    public IReadOnlyList<string> DataWarnings { get; private set; } = [];

    /// <summary>A hash of the three splits.</summary>
    public string DataFingerprint { get; }

    /// <summary>The classifier.</summary>
    public SentenceClassifier Model { get; }

    /// <summary>Its optimiser.</summary>
    public Adam Optimizer { get; }

    /// <summary>Shuffles the training split each epoch.</summary>
    public TrainingRandom Random { get; private set; }

    /// <summary>Hash of the Q# sources of the circuits (QSANN).</summary>
    public string? CircuitSourceHash { get; }

    /// <summary>Version of the Q# compiler that compiled them (QSANN).</summary>
    public string? CompilerVersion { get; }

    /// <summary>Completed epochs.</summary>
    public int Epoch { get; internal set; }

    /// <summary>The selected epoch so far (0 before the first).</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Its weights.</summary>
    public IReadOnlyDictionary<string, double[]> BestWeights { get; internal set; }

    /// <summary>Its validation accuracy.</summary>
    public double? BestValidationAccuracy { get; internal set; }

    /// <summary>Its validation loss.</summary>
    public double? BestValidationLoss { get; internal set; }

    /// <summary>Epochs since the selected one.</summary>
    public int EpochsWithoutImprovement { get; internal set; }

    /// <summary>Per-epoch metrics so far.</summary>
    public List<EpochMetrics> History { get; } = [];

    /// <summary>Training time so far, over all resumptions.</summary>
    public double TrainSeconds { get; internal set; }

    /// <summary>Why training ended, or null while it continues.</summary>
    public TrainingStop? Stop { get; internal set; }

    /// <summary>The final scores once finished.</summary>
    public TrainingResult? Result { get; internal set; }

    /// <summary>
    /// Loads the data, builds the vocabulary from the training split and a freshly initialised model, and creates the
    /// run folder (which must not already hold a run) with the configuration and the epoch-0 checkpoint.
    /// </summary>
    /// <param name="options">The run's options.</param>
    /// <param name="outputDirectory">The run folder.</param>
    /// <param name="circuits">Where QSANN's circuits come from (unused for CSANN).</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingSession> CreateAsync(TrainingOptions options, string outputDirectory, ICircuitSource? circuits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        options.Validate();
        if (File.Exists(RunFolder.CheckpointPath(outputDirectory)))
            throw new CheckpointException($"'{outputDirectory}' already holds a run; continue it with --resume {outputDirectory}, or choose another --output.");
        var (splits, origin, warnings) = await LoadSplitsAsync(options, cancellationToken).ConfigureAwait(false);
        var tokenizer = options.Data.CreateTokenizer();
        var vocabulary = Vocabulary.Build(splits.Train, tokenizer, options.MinCount);
        var session = Build(options, outputDirectory, splits, tokenizer, vocabulary, circuits);
        session.DataOrigin = origin;
        session.DataWarnings = warnings;
        Directory.CreateDirectory(outputDirectory);
        RunFolder.WriteAllTextAtomically(Path.Combine(outputDirectory, RunFolder.ConfigFileName), session.DescribeConfig());
        // Epoch 0's checkpoint makes even a run interrupted in its first epoch resumable.
        CheckpointFile.Write(RunFolder.CheckpointPath(outputDirectory), session.ToCheckpoint());
        return session;
    }

    /// <summary>
    /// Restores a run from its folder's checkpoint, reloading (and checking) the same data. With
    /// <paramref name="epochs"/>, a run that completed its epochs is extended to that many.
    /// </summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="epochs">A new epoch count, or null to keep the saved one.</param>
    /// <param name="circuits">Where QSANN's circuits come from.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingSession> ResumeAsync(string directory, int? epochs, ICircuitSource? circuits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new CheckpointException($"There is no run folder '{directory}'.");
        var checkpoint = CheckpointFile.Read(RunFolder.CheckpointPath(directory));
        var options = checkpoint.Options;
        if (epochs is { } requested)
        {
            if (requested < checkpoint.Epoch)
                throw new ArgumentException($"The run in '{directory}' has already trained {checkpoint.Epoch} epochs; --epochs {requested} would go back.");
            if (checkpoint.Stop == TrainingStop.EarlyStopped && requested > checkpoint.Epoch)
                throw new ArgumentException($"The run in '{directory}' stopped early at epoch {checkpoint.Epoch}; it cannot be extended.");
            options = options with { Epochs = requested };
        }
        var session = await RestoreAsync(checkpoint, options, directory, circuits, default, cancellationToken).ConfigureAwait(false);
        // A completed run given more epochs continues; otherwise its saved end (and result) stands.
        if (checkpoint.Stop == TrainingStop.Completed && options.Epochs > checkpoint.Epoch)
        {
            session.Stop = null;
            session.Result = null;
        }
        return session;
    }

    /// <summary>Restores a finished (or interrupted) run for use: its model with the selected weights loaded.</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="circuits">Where QSANN's circuits come from.</param>
    /// <param name="backend">Another backend to evaluate with, or null for the run's own. Only QSANN has circuits to run elsewhere.</param>
    /// <param name="remoteTargets">Opens an engine on a remote target (see <see cref="EngineFactory"/>), for an Azure backend.</param>
    /// <param name="samplingSeed">Seed of local shot sampling, or null for the run's own sampling stream.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<TrainingSession> OpenAsync(string directory, ICircuitSource? circuits, BackendChoice? backend = null,
        Func<string, int, IQuantumEngine>? remoteTargets = null, int? samplingSeed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new CheckpointException($"There is no run folder '{directory}'.");
        var checkpoint = CheckpointFile.Read(RunFolder.CheckpointPath(directory));
        var session = await RestoreAsync(checkpoint, checkpoint.Options, directory, circuits, new ModelBackend(backend, remoteTargets, samplingSeed), cancellationToken).ConfigureAwait(false);
        session.Model.LoadStateDict(session.BestWeights);
        return session;
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
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new CheckpointException($"There is no run folder '{directory}'.");
        var checkpoint = CheckpointFile.Read(RunFolder.CheckpointPath(directory));
        var vocabulary = Data.Vocabulary.FromWords(checkpoint.Vocabulary);
        var (model, _, _, _) = CreateModel(checkpoint.Options, vocabulary.Count, circuits, new ModelBackend(backend, remoteTargets, samplingSeed));
        LoadWeights(model, checkpoint.BestWeights, directory);
        return (model, vocabulary, checkpoint);
    }

    /// <summary>
    /// Restarts the shot sampling of <see cref="Backend.Shots"/> for a phase (an epoch, or 0 for the final scores), so
    /// what a phase draws depends on the seed and the phase only and a resumed run samples as an uninterrupted one.
    /// </summary>
    internal void ReseedSampler(int phase) => reseedSampler?.Invoke(SamplingSeed(Options.Seed, phase));

    private static int SamplingSeed(int seed, int phase) =>
        unchecked((int)TrainingRandom.DeriveSeed(unchecked((int)TrainingRandom.DeriveSeed(seed, SamplingStream)), phase));

    /// <summary>The checkpoint of the session's current state (weights as they are now).</summary>
    public Checkpoint ToCheckpoint() => new(
        Options, Vocabulary.Words, DataFingerprint, Epoch, Random.State, Optimizer.SaveState(), Model.StateDict(), BestWeights,
        BestEpoch, BestValidationAccuracy, BestValidationLoss, EpochsWithoutImprovement, [.. History], TrainSeconds, Stop, Result,
        CircuitSourceHash, CompilerVersion);

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

    private static async Task<TrainingSession> RestoreAsync(Checkpoint checkpoint, TrainingOptions options, string directory, ICircuitSource? circuits,
        ModelBackend backend, CancellationToken cancellationToken)
    {
        options.Validate();
        var (splits, origin, warnings) = await LoadSplitsAsync(options, cancellationToken).ConfigureAwait(false);
        var vocabulary = Data.Vocabulary.FromWords(checkpoint.Vocabulary);
        var session = Build(options, directory, splits, options.Data.CreateTokenizer(), vocabulary, circuits, backend);
        session.DataOrigin = origin;
        session.DataWarnings = warnings;
        if (session.DataFingerprint != checkpoint.DataFingerprint)
            throw new CheckpointException($"The data of the run in '{directory}' has changed since it was saved (fingerprint {checkpoint.DataFingerprint}, now {session.DataFingerprint}).");
        LoadWeights(session.Model, checkpoint.Weights, directory);
        try
        {
            session.Optimizer.LoadState(checkpoint.Optimizer);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"The optimiser state in '{directory}' does not fit the model: {e.Message}", e);
        }
        session.Random = new TrainingRandom(checkpoint.RandomState);
        session.Epoch = checkpoint.Epoch;
        session.BestEpoch = checkpoint.BestEpoch;
        session.BestWeights = checkpoint.BestWeights;
        session.BestValidationAccuracy = checkpoint.BestValidationAccuracy;
        session.BestValidationLoss = checkpoint.BestValidationLoss;
        session.EpochsWithoutImprovement = checkpoint.EpochsWithoutImprovement;
        session.History.AddRange(checkpoint.History);
        session.TrainSeconds = checkpoint.TrainSeconds;
        session.Stop = checkpoint.Stop;
        session.Result = checkpoint.Result;
        return session;
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

    private static TrainingSession Build(TrainingOptions options, string directory, DatasetSplits splits, Tokenizer tokenizer, Vocabulary vocabulary, ICircuitSource? circuits,
        ModelBackend backend = default)
    {
        var train = EncodedSentences.Encode(splits.Train, tokenizer, vocabulary);
        var validation = EncodedSentences.Encode(splits.Validation ?? [], tokenizer, vocabulary);
        var test = EncodedSentences.Encode(splits.Test, tokenizer, vocabulary);
        var (model, sourceHash, compilerVersion, reseed) = CreateModel(options, vocabulary.Count, circuits, backend);
        var optimizer = new Adam(model.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
        var random = new TrainingRandom(TrainingRandom.DeriveSeed(options.Seed, ShuffleStream));
        return new TrainingSession(options, directory, vocabulary, tokenizer, train, validation, test, Fingerprint(splits),
            model, optimizer, random, sourceHash, compilerVersion) { reseedSampler = reseed };
    }

    /// <summary>Where a restored model's circuits run instead of the run's own backend (all null: the run's own).</summary>
    private readonly record struct ModelBackend(BackendChoice? Backend, Func<string, int, IQuantumEngine>? RemoteTargets, int? SamplingSeed);

    /// <summary>The model for the options, its circuits on <paramref name="other"/>'s backend or the options' own.</summary>
    private static (SentenceClassifier Model, string? SourceHash, string? CompilerVersion, Action<int>? Reseed) CreateModel(TrainingOptions options, int vocabularySize,
        ICircuitSource? circuits, ModelBackend other = default)
    {
        var backend = other.Backend;
        var initRandom = new Random(unchecked((int)TrainingRandom.DeriveSeed(options.Seed, InitialisationStream)));
        if (options.Model.Kind == ModelKind.Csann)
        {
            if (backend is not null && backend != BackendChoice.Native)
                throw new ArgumentException($"This run is CSANN, a classical model without circuits; only QSANN runs on {backend}.");
            return (ModelFactory.Create(options.Model, vocabularySize, initRandom, null), null, null, null);
        }
        if (circuits is null) throw new InvalidOperationException("QSANN needs a circuit source.");
        var family = circuits.Circuits(options.Model.Qubits, options.Model.Depth);
        var engine = new EngineFactory(circuits, other.RemoteTargets).Create(backend ?? options.BackendChoice, options.Model.Depth, other.SamplingSeed ?? SamplingSeed(options.Seed, 0));
        var quantum = new QuantumQkv(engine.Engine, family.Circuit);
        return (ModelFactory.Create(options.Model, vocabularySize, initRandom, quantum), family.SourceHash, family.CompilerVersion, engine.Reseed);
    }

    private static async Task<(DatasetSplits Splits, string Origin, IReadOnlyList<string> Warnings)> LoadSplitsAsync(TrainingOptions options, CancellationToken cancellationToken)
    {
        var (splits, origin, warnings) = await options.Data.LoadAsync(options.Seed, cancellationToken).ConfigureAwait(false);
        if (splits.Validation is null && options.ValidationFolds > 0)
        {
            var validationSeed = unchecked((int)TrainingRandom.DeriveSeed(options.Seed, ValidationStream));
            splits = splits.CarveValidationFold(options.ValidationFolds, options.ValidationFold, validationSeed);
        }
        else if (splits.Validation is null && options.ValidationFraction > 0)
        {
            var validationSeed = unchecked((int)TrainingRandom.DeriveSeed(options.Seed, ValidationStream));
            splits = splits.CarveValidation(options.ValidationFraction, validationSeed);
        }
        if (splits.Train.Count == 0) throw new ArgumentException("The training split is empty.");
        if (splits.Test.Count == 0) throw new ArgumentException("The test split is empty.");
        return (splits, origin, warnings);
    }

    private static string Fingerprint(DatasetSplits splits)
    {
        var text = new StringBuilder();
        void Add(string part, IReadOnlyList<LabelledSentence>? sentences)
        {
            foreach (var s in sentences ?? []) text.Append(part).Append('|').Append(s.Label).Append('|').Append(s.Text).Append('\n');
        }
        Add("train", splits.Train);
        Add("validation", splits.Validation);
        Add("test", splits.Test);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

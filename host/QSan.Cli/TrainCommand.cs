using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Data;
using QSan.Model;
using QSan.Training;
using Spectre.Console;

namespace QSan.Cli;

/// <summary>
/// <c>train</c>: trains QSANN (or CSANN) on a dataset or the user's files with a live progress display, writes the run
/// folder (checkpoint, metrics, SVG figures) and reports the test accuracy of the epoch selected on validation.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("train", "Train QSANN (or the classical CSANN) on a dataset or your own files.");
        Configure(command, context);
        return command;
    }

    /// <summary>
    /// Gives <paramref name="command"/> the training options and action; the root command gets them too, so
    /// <c>dotnet run --project host</c> with no arguments trains QSANN on the built-in corpus.
    /// </summary>
    public static void Configure(Command command, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var o = new TrainOptionSet();
        o.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () =>
            RunAsync(context, o.Read(parse), parse.GetValue(o.Output), parse.GetValue(o.Resume), parse.GetValue(o.Epochs), parse.GetValue(o.Json), cancellationToken)));
    }

    /// <summary>
    /// The training options a <c>train</c> command line with <paramref name="arguments"/> would run with (defaults
    /// included); <c>bench paper</c> builds its runs this way, so every run can be repeated with <c>train</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The arguments do not parse.</exception>
    public static TrainingOptions ParseOptions(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var o = new TrainOptionSet();
        var command = new Command("train");
        o.AddTo(command);
        var parse = command.Parse([.. arguments]);
        if (parse.Errors.Count > 0)
            throw new ArgumentException($"train {string.Join(' ', arguments)}: {string.Join(" ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))}");
        return o.Read(parse);
    }

    private static async Task<int> RunAsync(CliContext context, TrainingOptions options, string? output, string? resume, int? epochs, bool json, CancellationToken cancellationToken)
    {
        var console = context.Console;
        ICircuitSource? circuits = null;
        try
        {
            TrainingSession session;
            if (resume is not null)
            {
                if (output is not null) throw new ArgumentException("--resume continues the run in its own folder; leave out --output.");
                // The saved options decide everything; only the Q# folder (a machine detail) may be given again.
                circuits = context.CircuitSource(options.QuantumDirectory);
                session = await TrainingSession.ResumeAsync(resume, epochs, circuits, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                options.Validate();
                circuits = options.Model.Kind == ModelKind.Qsann ? context.CircuitSource(options.QuantumDirectory) : null;
                session = await TrainingSession.CreateAsync(options, output ?? RunFolder.DefaultDirectory(options, context.RunsDirectory), circuits, cancellationToken).ConfigureAwait(false);
            }

            if (!json) TrainingDisplay.WriteHeader(console, session, resume is not null);
            foreach (var warning in session.DataWarnings) await context.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            TrainingResult result;
            try
            {
                result = json ? Trainer.Run(session, null, cancellationToken) : TrainingDisplay.Run(context, session, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync($"Interrupted after epoch {session.Epoch}; continue with: train --resume {session.OutputDirectory}").ConfigureAwait(false);
                return CliBoundary.Interrupted;
            }

            if (json) await context.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json.Compact)).ConfigureAwait(false);
            else TrainingDisplay.WriteResult(console, session, result);
            return 0;
        }
        finally
        {
            (circuits as IDisposable)?.Dispose();
        }
    }

    /// <summary>The training options shared by <c>train</c> and the root command's defaults.</summary>
    private sealed class TrainOptionSet
    {
        public Option<string?> Dataset { get; } = new("--dataset", "-d")
        {
            Description = "mc, rp, yelp, imdb, amazon or builtin (default: builtin, or your files with --train).",
        };

        public Option<string?> Train { get; } = new("--train") { Description = "Your training file: 'label words…' lines or 'sentence<TAB>label' lines." };

        public Option<string?> Test { get; } = new("--test") { Description = "Your test file (default: a stratified 20% of --train, seeded)." };

        public Option<string?> Validation { get; } = new("--validation") { Description = "Your validation file (default: carved from the training split)." };

        public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Folder with the datasets' files (default: $QSAN_DATA, else a download cache)." };

        public Option<string> Tokenizer { get; } = Choice("--tokenizer", "words", "How sentences are cut into tokens: words, stems (English words reduced to their Porter stems: loved, loving → love), punctuation (words, and each punctuation mark as a token), or characters (scripts without spaces).", "words", "stems", "punctuation", "characters");

        public Option<bool> Negation { get; } = new("--negation") { Description = "Mark the words after a negation (not, no, never, n't, …) up to the next . , ; : ! ? as negated (\"not good\" → not, not_good), so the model tells 'good' from 'not good'." };

        public Option<string> ModelKind { get; } = Choice("--model", "qsann", "qsann (quantum) or csann (classical baseline).", "qsann", "csann");

        public Option<int?> Qubits { get; } = new("--qubits", "-n") { Description = "Qubits per token n (default: 2 for mc and builtin, 4 otherwise, as in the paper)." };

        public Option<int> Depth { get; } = new("--depth", "-D") { Description = "Ansatz depth D.", DefaultValueFactory = _ => 1 };

        public Option<int> Layers { get; } = new("--layers", "-L") { Description = "Self-attention layers L.", DefaultValueFactory = _ => 1 };

        public Option<int> Heads { get; } = new("--heads", "-H") { Description = "Attention heads per layer H (1 is the paper's model).", DefaultValueFactory = _ => 1 };

        public Option<int> Dimension { get; } = new("--dimension") { Description = "CSANN's token vector length d.", DefaultValueFactory = _ => 16 };

        public Option<int?> Epochs { get; } = new("--epochs", "-e") { Description = "Epochs (default 20; with --resume, extends a completed run)." };

        public Option<int> BatchSize { get; } = new("--batch-size", "-b") { Description = "Sentences per minibatch.", DefaultValueFactory = _ => 16 };

        public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 0.01 };

        public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "Adam's L2 weight decay on all parameters.", DefaultValueFactory = _ => 0.0 };

        public Option<double> Lambda { get; } = new("--lambda") { Description = "λ of the loss's λ‖w‖² penalty on the head weights (the paper's regulariser).", DefaultValueFactory = _ => 0.0 };

        public Option<string> Loss { get; } = Choice("--loss", "mse", "mse (on σ(z), the paper's) or bce.", "mse", "bce");

        public Option<double> InitStd { get; } = new("--init-std") { Description = "σ of the N(0, σ²) initialisation of the parameters outside the embeddings.", DefaultValueFactory = _ => 0.01 };

        public Option<double?> EmbeddingInitStd { get; } = new("--embedding-init-std") { Description = "σ of the initial embeddings (default: --init-std)." };

        public Option<int> Positions { get; } = new("--positions") { Description = "Learn position angles for the first N tokens of a sentence, added to their embeddings (0: the paper's order-blind model).", DefaultValueFactory = _ => 0 };

        public Option<int> Seed { get; } = new("--seed", "-s") { Description = "Seed of the splits, initialisation and shuffling.", DefaultValueFactory = _ => 1 };

        public Option<string> Backend { get; } = BackendOption();

        public Option<double> ValidationFraction { get; } = new("--validation-fraction") { Description = "Share of the training split held out to select the epoch (0: keep the last).", DefaultValueFactory = _ => 0.2 };

        public Option<int> Patience { get; } = new("--patience") { Description = "Stop after this many epochs without a better validation score (0: never).", DefaultValueFactory = _ => 0 };

        public Option<int> ValidationFolds { get; } = new("--validation-folds") { Description = "K ≥ 2: validate on one fold of a stratified K-fold partition of the training split instead of --validation-fraction (0: off).", DefaultValueFactory = _ => 0 };

        public Option<int> ValidationFold { get; } = new("--validation-fold") { Description = "Which fold (1..K) validates when --validation-folds is set.", DefaultValueFactory = _ => 1 };

        public Option<double> DecoupledWeightDecay { get; } = new("--decoupled-weight-decay") { Description = "AdamW's decoupled weight decay: every parameter shrinks by lr · decay · value after each step (0: off).", DefaultValueFactory = _ => 0.0 };

        public Option<double> WordDropout { get; } = new("--word-dropout") { Description = "Probability of dropping each token of a training sentence for a step (0: off).", DefaultValueFactory = _ => 0.0 };

        public Option<int> MinCount { get; } = new("--min-count") { Description = "Tokens seen fewer times in training share the unknown-word slot.", DefaultValueFactory = _ => 1 };

        public Option<string?> Output { get; } = new("--output", "-o") { Description = "The run folder (default: runs/<dataset>-<model>-seed<seed>-<time>)." };

        public Option<string?> Resume { get; } = new("--resume") { Description = "Continue the interrupted (or, with --epochs, completed) run in this folder." };

        public Option<bool> Json { get; } = CommonOptions.Json();

        public Option<string?> QuantumDirectory { get; } = CommonOptions.QuantumDirectory();

        public void AddTo(Command command)
        {
            foreach (var option in new Option[]
            {
                Dataset, Train, Test, Validation, DataDirectory, Tokenizer, Negation, ModelKind, Qubits, Depth, Layers, Heads, Dimension, Epochs, BatchSize,
                LearningRate, WeightDecay, Lambda, Loss, InitStd, EmbeddingInitStd, Positions, Seed, Backend, ValidationFraction, Patience, WordDropout, MinCount,
                ValidationFolds, ValidationFold, DecoupledWeightDecay, Output, Resume,
                Json, QuantumDirectory,
            })
                command.Options.Add(option);
        }

        /// <summary>The options as given (range checks happen in <see cref="TrainingOptions.Validate"/>).</summary>
        public TrainingOptions Read(ParseResult parse)
        {
            var dataset = parse.GetValue(Dataset);
            var trainFile = parse.GetValue(Train);
            var data = new DataSpec(
                dataset ?? (trainFile is null ? BuiltInCorpus.Name : null), trainFile, parse.GetValue(Test), parse.GetValue(Validation),
                parse.GetValue(DataDirectory), parse.GetValue(Tokenizer) switch
                {
                    "characters" => TokenizerMode.Characters,
                    "punctuation" => TokenizerMode.WordsAndPunctuation,
                    "stems" => TokenizerMode.Stems,
                    _ => TokenizerMode.Words,
                }, parse.GetValue(Negation));
            var initStd = parse.GetValue(InitStd);
            var backend = BackendChoice.Parse(parse.GetValue(Backend)!);
            var model = new ModelConfig(
                parse.GetValue(ModelKind) == "csann" ? Model.ModelKind.Csann : Model.ModelKind.Qsann,
                parse.GetValue(Qubits) ?? DefaultQubits(data),
                parse.GetValue(Depth), parse.GetValue(Layers), parse.GetValue(Heads), parse.GetValue(Dimension),
                initStd, parse.GetValue(EmbeddingInitStd) ?? initStd, parse.GetValue(Positions));
            return new TrainingOptions(
                data, model, parse.GetValue(Epochs) ?? DefaultEpochs, parse.GetValue(BatchSize), parse.GetValue(LearningRate),
                parse.GetValue(WeightDecay), parse.GetValue(Lambda), parse.GetValue(Loss) == "bce" ? LossKind.Bce : LossKind.Mse,
                parse.GetValue(Seed), backend.Exact ?? Training.Backend.Shots,
                parse.GetValue(ValidationFraction), parse.GetValue(Patience), parse.GetValue(QuantumDirectory), backend.LocalShots ?? 0,
                parse.GetValue(WordDropout), parse.GetValue(MinCount), parse.GetValue(ValidationFolds), parse.GetValue(ValidationFold),
                parse.GetValue(DecoupledWeightDecay));
        }

        /// <summary>native, qsharp or shots:N; Azure targets are for evaluation (a training step sends two jobs per rotation gate).</summary>
        private static Option<string> BackendOption()
        {
            var option = new Option<string>("--backend")
            {
                Description = "native (fast state vectors, adjoint gradients), qsharp (Microsoft's simulator, parameter shift; slow) or shots:<count> (expectations from local shots, parameter shift; slower).",
                DefaultValueFactory = _ => "native",
            };
            option.Validators.Add(r =>
            {
                try
                {
                    if (BackendChoice.Parse(r.GetValueOrDefault<string>()).AzureTarget is not null)
                        r.AddError("train does not run on Azure Quantum targets (every step would send two jobs per rotation gate): train with --backend shots:<count> to see training on shots, then evaluate --backend azure:<target>.");
                }
                catch (ArgumentException)
                {
                    r.AddError($"Unknown value '{r.GetValueOrDefault<string>()}' for --backend: use native, qsharp or shots:<count> (e.g. shots:1000).");
                }
            });
            return option;
        }

        private const int DefaultEpochs = 20;

        /// <summary>The paper's n: 2 for MC (and the built-in corpus, which follows MC's grammar), 4 for the rest.</summary>
        private static int DefaultQubits(DataSpec data) =>
            data.Dataset is { } name && (name.Equals("mc", StringComparison.OrdinalIgnoreCase) || name.Equals(BuiltInCorpus.Name, StringComparison.OrdinalIgnoreCase)) ? 2 : 4;

        private static Option<string> Choice(string name, string defaultValue, string description, params string[] choices)
        {
            var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
            option.Validators.Add(r =>
            {
                var value = r.GetValueOrDefault<string>();
                if (Array.IndexOf(choices, value) < 0)
                    r.AddError($"Unknown value '{value}' for {name}: use {string.Join(" or ", choices)}.");
            });
            return option;
        }
    }
}

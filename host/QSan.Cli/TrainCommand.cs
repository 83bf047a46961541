using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QSan.Data;
using QSan.Experiments;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
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

    /// <summary>Gives <paramref name="command"/> the training options and action.</summary>
    private static void Configure(Command command, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var o = new TrainOptionSet();
        o.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliBoundary.RunAsync(context.Error, () =>
            RunAsync(context, o.Read(parse), parse.GetValue(o.Output), parse.GetValue(o.Resume), parse.GetValue(o.Epochs), parse.GetValue(o.Json), cancellationToken)));
    }

    /// <summary>
    /// The training options a <c>train</c> command line with <paramref name="arguments"/> would run with: the paper's
    /// preset for its data and model (<see cref="TrainingPresets.Paper(DataSpec, ModelKind, int)"/>) changed by the flags given.
    /// </summary>
    /// <exception cref="ArgumentException">The arguments do not parse.</exception>
    public static TrainingOptions ParseOptions(IReadOnlyList<string> arguments)
    {
        var (set, parse) = Parse(arguments);
        return set.Read(parse);
    }

    /// <summary>
    /// A recipe from <c>NAME=OPTIONS</c> (for example <c>fast=--lr 0.05 --epochs 10</c>) whose options are <c>train</c>'s:
    /// applied, it changes what those flags name and nothing else. Options are split at white space (no option needs spaces).
    /// </summary>
    /// <exception cref="ArgumentException">The text is not NAME=OPTIONS, or the options do not parse.</exception>
    public static TrainingRecipe ParseRecipe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new ArgumentException($"A custom variant is NAME=OPTIONS, for example 'fast=--lr 0.05'; got '{text}'.");
        var name = text[..equals].Trim();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace)) throw new ArgumentException($"A variant name has no spaces; got '{name}'.");
        var arguments = text[(equals + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var (set, parse) = Parse(arguments);
        var flags = string.Join(' ', arguments);
        return new TrainingRecipe(name, "custom: " + flags, flags, options => set.Overlay(parse, options));
    }

    private static (TrainOptionSet Set, ParseResult Parse) Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var set = new TrainOptionSet();
        var command = new Command("train");
        set.AddTo(command);
        var parse = command.Parse([.. arguments]);
        if (parse.Errors.Count > 0)
            throw new ArgumentException($"train {string.Join(' ', arguments)}: {string.Join(" ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))}");
        return (set, parse);
    }

    private static async Task<int> RunAsync(CliContext context, TrainingOptions options, string? output, string? resume, int? epochs, bool json, CancellationToken cancellationToken)
    {
        TrainingRun run;
        if (resume is not null)
        {
            if (output is not null) throw new ArgumentException("--resume continues the run in its own folder; leave out --output.");
            // The saved options decide everything; only the Q# folder (a machine detail) may be given again.
            run = await TrainingRun.ResumeAsync(resume, epochs, context.CircuitSource(options.QuantumDirectory), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            options.Validate();
            var circuits = options.Model.Kind == ModelKind.Qsann ? context.CircuitSource(options.QuantumDirectory) : null;
            run = await TrainingRun.CreateAsync(options, output, circuits, context.RunsDirectory, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var state = run.State;
            if (!json) TrainingDisplay.WriteHeader(context.Console, state, resume is not null);
            foreach (var warning in state.Data.Warnings) await context.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            TrainingResult result;
            try
            {
                result = json ? run.Train(null, cancellationToken) : TrainingDisplay.Run(context, state, observer => run.Train(observer, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync($"Interrupted after epoch {state.Epoch}; continue with: train --resume {state.OutputDirectory}").ConfigureAwait(false);
                return CliBoundary.Interrupted;
            }

            if (json) await context.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json.Compact)).ConfigureAwait(false);
            else TrainingDisplay.WriteResult(context.Console, state, result);
            return 0;
        }
        finally
        {
            // The circuit source is the context's (tests may share one); the run owns nothing else.
            (run.Circuits as IDisposable)?.Dispose();
            run.Dispose();
        }
    }

    /// <summary>
    /// The training options of <c>train</c> (and of recipes and variants). They carry no defaults of their own: an option
    /// left out keeps the library's value (<see cref="TrainingPresets.Paper(DataSpec, ModelKind, int)"/>), which the help text quotes.
    /// </summary>
    private sealed class TrainOptionSet
    {
        private static readonly TrainingOptions Defaults = TrainingPresets.Paper(DataSpec.BuiltIn);

        public Option<string?> Dataset { get; } = new("--dataset", "-d")
        {
            Description = "mc, rp, yelp, imdb, amazon or builtin (default: builtin, or your files with --train).",
        };

        public Option<string?> Train { get; } = new("--train") { Description = "Your training file: 'label words…' lines or 'sentence<TAB>label' lines." };

        public Option<string?> Test { get; } = new("--test") { Description = "Your test file (default: a stratified 20% of --train, seeded)." };

        public Option<string?> Validation { get; } = new("--validation") { Description = "Your validation file (default: carved from the training split)." };

        public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Folder with the datasets' files (default: $QSAN_DATA, else a download cache)." };

        public Option<string?> Tokenizer { get; } = Choice("--tokenizer", "How sentences are cut into tokens: words (default), stems (English words reduced to their Porter stems: loved, loving → love), punctuation (words, and each punctuation mark as a token), or characters (scripts without spaces).", "words", "stems", "punctuation", "characters");

        public Option<bool> Negation { get; } = new("--negation") { Description = "Mark the words after a negation (not, no, never, n't, …) up to the next . , ; : ! ? as negated (\"not good\" → not, not_good), so the model tells 'good' from 'not good'." };

        public Option<string?> ModelKind { get; } = Choice("--model", "qsann (quantum, default) or csann (classical baseline).", "qsann", "csann");

        public Option<int?> Qubits { get; } = new("--qubits", "-n") { Description = "Qubits per token n (default: 2 for mc and builtin, 4 otherwise, as in the paper)." };

        public Option<int?> Depth { get; } = new("--depth", "-D") { Description = $"Ansatz depth D (default {Defaults.Model.Depth})." };

        public Option<int?> Layers { get; } = new("--layers", "-L") { Description = $"Self-attention layers L (default {Defaults.Model.Layers})." };

        public Option<int?> Heads { get; } = new("--heads", "-H") { Description = $"Attention heads per layer H (default {Defaults.Model.Heads}, the paper's model)." };

        public Option<string?> Attention { get; } = Choice("--attention", "CSANN's attention: gaussian (the paper's Gaussian projected attention, default) or softmax (scaled dot product).", "gaussian", "softmax");

        public Option<int?> Dimension { get; } = new("--dimension") { Description = $"CSANN's token vector length d (default {Defaults.Model.ClassicalDimension})." };

        public Option<int?> Epochs { get; } = new("--epochs", "-e") { Description = $"Epochs (default {Defaults.Epochs}; with --resume, extends a completed run)." };

        public Option<int?> BatchSize { get; } = new("--batch-size", "-b") { Description = $"Sentences per minibatch (default {Defaults.BatchSize})." };

        public Option<double?> LearningRate { get; } = new("--lr") { Description = $"Adam's learning rate (default {Num(Defaults.LearningRate)})." };

        public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = $"Adam's L2 weight decay on all parameters (default {Num(Defaults.WeightDecay)})." };

        public Option<double?> Lambda { get; } = new("--lambda") { Description = $"λ of the loss's λ‖w‖² penalty on the head weights, the paper's regulariser (default {Num(Defaults.Lambda)})." };

        public Option<string?> Loss { get; } = Choice("--loss", "mse (on σ(z), the paper's; default) or bce.", "mse", "bce");

        public Option<double?> InitStd { get; } = new("--init-std") { Description = $"σ of the N(0, σ²) initialisation of the parameters outside the embeddings (default {Num(Defaults.Model.InitStd)})." };

        public Option<double?> EmbeddingInitStd { get; } = new("--embedding-init-std") { Description = "σ of the initial embeddings (default: --init-std)." };

        public Option<int?> Positions { get; } = new("--positions") { Description = "Learn position angles for the first N tokens of a sentence, added to their embeddings (default 0: the paper's order-blind model)." };

        public Option<int?> Seed { get; } = new("--seed", "-s") { Description = $"Seed of the splits, initialisation and shuffling (default {Defaults.Seed})." };

        public Option<string?> Backend { get; } = BackendOption();

        public Option<NoiseModel?> Noise { get; } = CommonOptions.Noise();

        public Option<string?> Framework { get; } = CommonOptions.Framework("qsan");

        public Option<double?> ValidationFraction { get; } = new("--validation-fraction") { Description = $"Share of the training split held out to select the epoch (default {Num(Defaults.ValidationFraction)}; 0: keep the last)." };

        public Option<int?> Patience { get; } = new("--patience") { Description = "Stop after this many epochs without a better validation score (default 0: never)." };

        public Option<int?> ValidationFolds { get; } = new("--validation-folds") { Description = "K ≥ 2: validate on one fold of a stratified K-fold partition of the training split instead of --validation-fraction (default 0: off)." };

        public Option<int?> ValidationFold { get; } = new("--validation-fold") { Description = $"Which fold (1..K) validates when --validation-folds is set (default {Defaults.ValidationFold})." };

        public Option<double?> DecoupledWeightDecay { get; } = new("--decoupled-weight-decay") { Description = "AdamW's decoupled weight decay: every parameter shrinks by lr · decay · value after each step (default 0: off)." };

        public Option<double?> WordDropout { get; } = new("--word-dropout") { Description = "Probability of dropping each token of a training sentence for a step (default 0: off)." };

        public Option<int?> MinCount { get; } = new("--min-count") { Description = $"Tokens seen fewer times in training share the unknown-word slot (default {Defaults.MinCount})." };

        public Option<string?> Output { get; } = new("--output", "-o") { Description = "The run folder (default: runs/<dataset>-<model>-seed<seed>-<time>)." };

        public Option<string?> Resume { get; } = new("--resume") { Description = "Continue the interrupted (or, with --epochs, completed) run in this folder." };

        public Option<bool> Json { get; } = CommonOptions.Json();

        public Option<string?> QuantumDirectory { get; } = CommonOptions.QuantumDirectory();

        public void AddTo(Command command)
        {
            foreach (var option in new Option[]
            {
                Dataset, Train, Test, Validation, DataDirectory, Tokenizer, Negation, ModelKind, Qubits, Depth, Layers, Heads, Attention, Dimension, Epochs, BatchSize,
                LearningRate, WeightDecay, Lambda, Loss, InitStd, EmbeddingInitStd, Positions, Seed, Backend, Noise, Framework, ValidationFraction, Patience, WordDropout, MinCount,
                ValidationFolds, ValidationFold, DecoupledWeightDecay, Output, Resume,
                Json, QuantumDirectory,
            })
                command.Options.Add(option);
        }

        /// <summary>The paper's preset for the data and model named, changed by the flags given (range checks happen in <see cref="TrainingOptions.Validate"/>).</summary>
        public TrainingOptions Read(ParseResult parse)
        {
            var trainFile = parse.GetValue(Train);
            var data = new DataSpec(parse.GetValue(Dataset) ?? (trainFile is null ? BuiltInCorpus.Name : null), trainFile);
            var kind = parse.GetValue(ModelKind) == "csann" ? Model.ModelKind.Csann : Model.ModelKind.Qsann;
            return Overlay(parse, TrainingPresets.Paper(data, kind));
        }

        /// <summary><paramref name="options"/> with every flag given in <paramref name="parse"/> applied; flags left out change nothing.</summary>
        public TrainingOptions Overlay(ParseResult parse, TrainingOptions options)
        {
            T Pick<T>(Option<T?> option, T current) where T : struct => parse.GetValue(option) ?? current;
            string? PickText(Option<string?> option, string? current) => parse.GetValue(option) ?? current;

            var data = options.Data;
            if (parse.GetValue(Dataset) is { } dataset) data = data with { Dataset = dataset, TrainFile = null };
            if (parse.GetValue(Train) is { } train) data = data with { Dataset = parse.GetValue(Dataset), TrainFile = train };
            data = data with
            {
                TestFile = PickText(Test, data.TestFile),
                ValidationFile = PickText(Validation, data.ValidationFile),
                DataDirectory = PickText(DataDirectory, data.DataDirectory),
                Tokenizer = parse.GetValue(Tokenizer) switch
                {
                    "characters" => TokenizerMode.Characters,
                    "punctuation" => TokenizerMode.WordsAndPunctuation,
                    "stems" => TokenizerMode.Stems,
                    "words" => TokenizerMode.Words,
                    _ => data.Tokenizer,
                },
                MarkNegation = data.MarkNegation || parse.GetValue(Negation),
            };

            var m = options.Model;
            var initStd = parse.GetValue(InitStd);
            var model = m with
            {
                Kind = parse.GetValue(ModelKind) switch { "csann" => Model.ModelKind.Csann, "qsann" => Model.ModelKind.Qsann, _ => m.Kind },
                Qubits = Pick(Qubits, m.Qubits),
                Depth = Pick(Depth, m.Depth),
                Layers = Pick(Layers, m.Layers),
                Heads = Pick(Heads, m.Heads),
                ClassicalDimension = Pick(Dimension, m.ClassicalDimension),
                InitStd = initStd ?? m.InitStd,
                // The embeddings follow --init-std unless they are given their own.
                EmbeddingInitStd = parse.GetValue(EmbeddingInitStd) ?? initStd ?? m.EmbeddingInitStd,
                Positions = Pick(Positions, m.Positions),
                Attention = parse.GetValue(Attention) switch { "softmax" => AttentionKind.Softmax, "gaussian" => AttentionKind.Gaussian, _ => m.Attention },
            };

            var result = options with
            {
                Data = data,
                Model = model,
                Epochs = Pick(Epochs, options.Epochs),
                BatchSize = Pick(BatchSize, options.BatchSize),
                LearningRate = Pick(LearningRate, options.LearningRate),
                WeightDecay = Pick(WeightDecay, options.WeightDecay),
                Lambda = Pick(Lambda, options.Lambda),
                Loss = parse.GetValue(Loss) switch { "bce" => LossKind.Bce, "mse" => LossKind.Mse, _ => options.Loss },
                Seed = Pick(Seed, options.Seed),
                ValidationFraction = Pick(ValidationFraction, options.ValidationFraction),
                Patience = Pick(Patience, options.Patience),
                QuantumDirectory = PickText(QuantumDirectory, options.QuantumDirectory),
                WordDropout = Pick(WordDropout, options.WordDropout),
                MinCount = Pick(MinCount, options.MinCount),
                ValidationFolds = Pick(ValidationFolds, options.ValidationFolds),
                ValidationFold = Pick(ValidationFold, options.ValidationFold),
                DecoupledWeightDecay = Pick(DecoupledWeightDecay, options.DecoupledWeightDecay),
                Framework = CommonOptions.ParseFramework(parse.GetValue(Framework)) ?? options.Framework,
            };
            var (backend, noise) = (parse.GetValue(Backend), parse.GetValue(Noise));
            return backend is null && noise is null ? result : result.WithBackend(backend is null ? null : BackendChoice.Parse(backend), noise);
        }

        /// <summary>native, qsharp or shots:N; Azure targets are for evaluation (a training step sends two jobs per rotation gate).</summary>
        private static Option<string?> BackendOption()
        {
            var option = new Option<string?>("--backend")
            {
                Description = "native (default: fast state vectors, adjoint gradients), qsharp (Microsoft's simulator, parameter shift; slow) or shots:<count> (expectations from local shots, parameter shift; slower).",
            };
            option.Validators.Add(r =>
            {
                try
                {
                    if (r.GetValueOrDefault<string?>() is { } value) Defaults.WithBackend(BackendChoice.Parse(value));
                }
                catch (ArgumentException e)
                {
                    r.AddError(e.Message.StartsWith("Unknown backend", StringComparison.Ordinal)
                        ? $"Unknown value '{r.GetValueOrDefault<string?>()}' for --backend: use native, qsharp or shots:<count> (e.g. shots:1000)."
                        : SettingFlags.ToFlags(e.Message));
                }
            });
            return option;
        }

        private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static Option<string?> Choice(string name, string description, params string[] choices)
        {
            var option = new Option<string?>(name) { Description = description };
            option.Validators.Add(r =>
            {
                var value = r.GetValueOrDefault<string?>();
                if (value is not null && Array.IndexOf(choices, value) < 0)
                    r.AddError($"Unknown value '{value}' for {name}: use {string.Join(" or ", choices)}.");
            });
            return option;
        }
    }
}

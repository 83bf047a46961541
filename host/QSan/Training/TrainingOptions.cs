using System.Text.Json.Serialization;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;

namespace QSan.Training;

/// <summary>Everything that determines a training run; with the same options (seed included) two runs give identical numbers.</summary>
/// <param name="Data">Where the sentences come from.</param>
/// <param name="Model">The architecture and its initialisation.</param>
/// <param name="Epochs">Passes over the training split (at most; early stopping may end sooner).</param>
/// <param name="BatchSize">Sentences per minibatch.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="WeightDecay">Adam's L2 weight decay on every parameter (embeddings included).</param>
/// <param name="Lambda">λ of the loss's λ‖w‖² penalty on the head weights w (docs/model.md).</param>
/// <param name="Loss">MSE on σ(z) (the paper) or BCE on the logits.</param>
/// <param name="Seed">Seeds the test split of single-file datasets, the validation split, the initialisation and the shuffling.</param>
/// <param name="Backend">The engine for QSANN's circuits.</param>
/// <param name="ValidationFraction">
/// Share of the training split carved off (stratified) for model selection when the dataset has no validation split;
/// 0 trains on everything and keeps the last epoch.
/// </param>
/// <param name="Patience">Stop after this many epochs without a better validation score; 0 never stops early.</param>
/// <param name="QuantumDirectory">The Q# project folder, or null for the repository's <c>quantum/</c> (or <c>$QSAN_QUANTUM</c>).</param>
/// <param name="Shots">Shots per circuit with <see cref="Backend.Shots"/>; 0 with the exact backends.</param>
/// <param name="WordDropout">
/// Probability of dropping each token of a training sentence for one step (Iyyer et al. 2015's word dropout; at least
/// one token stays); 0, the default, trains on whole sentences. Scoring always sees whole sentences.
/// </param>
/// <param name="ValidationFolds">
/// K &gt; 1 carves validation as one fold of a stratified K-fold partition of the training split (cross-validation)
/// instead of <paramref name="ValidationFraction"/>; 0, the default, carves by fraction.
/// </param>
/// <param name="ValidationFold">Which fold (1..K) is the validation split when <paramref name="ValidationFolds"/> is set.</param>
/// <param name="DecoupledWeightDecay">
/// AdamW's decoupled weight decay (Loshchilov and Hutter, ICLR 2019): after every step each parameter shrinks by
/// lr · decay · value, independent of Adam's gradient scaling (unlike <paramref name="WeightDecay"/>, which Adam
/// rescales so that words absent from a minibatch are pulled to zero at full speed); 0, the default, is off.
/// </param>
/// <param name="MinCount">Tokens seen fewer times in the training split share the unknown-word slot (1: every token has its own).</param>
/// <param name="Noise">
/// The noise model QSANN's circuits are trained under, or null for none. Run folders record it as its specification
/// (<see cref="NoiseModel.Parse"/>'s form, e.g. <c>depolarizing:0.01</c> or <c>ionq-aria</c>); checkpoints written before
/// noise existed read as null.
/// </param>
/// <param name="Framework">
/// What computes the gradients and steps Adam: QSan's own autograd (the default) or TorchSharp (the same model as
/// TorchSharp modules; needs QSan.Torch). Checkpoints written before the choice existed read as QSan's.
/// </param>
public sealed record TrainingOptions(
    DataSpec Data,
    ModelConfig Model,
    int Epochs = 20,
    int BatchSize = 16,
    double LearningRate = 0.01,
    double WeightDecay = 0.0,
    double Lambda = 0.0,
    LossKind Loss = LossKind.Mse,
    int Seed = 1,
    Backend Backend = Backend.Native,
    double ValidationFraction = 0.2,
    int Patience = 0,
    string? QuantumDirectory = null,
    int Shots = 0,
    double WordDropout = 0.0,
    int MinCount = 1,
    int ValidationFolds = 0,
    int ValidationFold = 1,
    double DecoupledWeightDecay = 0.0,
    [property: JsonConverter(typeof(NoiseSpecJsonConverter))] NoiseModel? Noise = null,
    TrainingFramework Framework = TrainingFramework.QSan)
{
    /// <summary>The backend as the command line names it: "native", "qsharp", "shots:1000", with ", noise …" when a noise model is set.</summary>
    [JsonIgnore]
    public string BackendName => BackendChoice.ToString();

    /// <summary>The backend and its shot count as one value.</summary>
    [JsonIgnore]
    public BackendChoice BackendChoice => (Backend == Backend.Shots ? new BackendChoice(null, Shots, null) : new BackendChoice(Backend, null, null))
        .WithNoise(Noise);

    /// <summary>These options on <paramref name="backend"/>: an exact engine or local shots (training never runs on a remote target).</summary>
    public TrainingOptions WithBackend(BackendChoice backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (backend.AzureTarget is not null)
            throw new ArgumentException($"Training does not run on Azure Quantum targets (every step would send two jobs per rotation gate): {TrainOnShots} to see training on shots, then {EvaluateOnTarget}.");
        return this with { Backend = backend.Exact ?? Backend.Shots, Shots = backend.LocalShots ?? 0, Noise = backend.IsNoisy ? backend.Noise : null };
    }

    /// <summary>
    /// These options with a backend and a noise model applied, each kept from these options when null (so a noise model
    /// alone keeps the backend, and a backend alone keeps the noise model; <see cref="NoiseModel.None"/> removes it).
    /// </summary>
    public TrainingOptions WithBackend(BackendChoice? backend, NoiseModel? noise)
    {
        var chosen = backend ?? BackendChoice with { Noise = null };
        return WithBackend(chosen.WithNoise(noise ?? Noise));
    }

    /// <summary>What <see cref="WithBackend(BackendChoice)"/> suggests instead of training on a target (the command line says it in flags).</summary>
    public const string TrainOnShots = "train on local shots (BackendChoice.Shots)", EvaluateOnTarget = "evaluate the run on the target (ModelEvaluation)";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range (as <c>TrainingOptions.Property</c>).</summary>
    public TrainingOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Data);
        ArgumentNullException.ThrowIfNull(Model);
        Data.Validate();
        Model.Validate();
        if (Epochs < 1) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(Epochs)} must be at least 1; got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(BatchSize)} must be at least 1; got {BatchSize}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(LearningRate)} must be a positive number; got {LearningRate}.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(WeightDecay)} must be a number ≥ 0; got {WeightDecay}.");
        if (!(Lambda >= 0) || double.IsInfinity(Lambda)) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(Lambda)} must be a number ≥ 0; got {Lambda}.");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(ValidationFraction)} must lie in [0, 1); got {ValidationFraction}.");
        if (!(DecoupledWeightDecay >= 0) || LearningRate * DecoupledWeightDecay >= 1)
            throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(DecoupledWeightDecay)} must be a number ≥ 0 with lr · decay < 1; got {DecoupledWeightDecay}.");
        if (!(WordDropout >= 0 && WordDropout < 1)) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(WordDropout)} must lie in [0, 1); got {WordDropout}.");
        if (ValidationFolds == 1 || ValidationFolds < 0) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(ValidationFolds)} must be 0 (off) or at least 2; got {ValidationFolds}.");
        if (ValidationFolds > 0 && (ValidationFold < 1 || ValidationFold > ValidationFolds))
            throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(ValidationFold)} must lie in 1..{ValidationFolds}; got {ValidationFold}.");
        if (MinCount < 1) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(MinCount)} must be at least 1; got {MinCount}.");
        if (Patience < 0) throw new ArgumentException($"{nameof(TrainingOptions)}.{nameof(Patience)} must be at least 0; got {Patience}.");
        if (Backend == Backend.QSharp && Model.Kind == ModelKind.Csann)
            throw new ArgumentException($"The qsharp backend ({nameof(TrainingOptions)}.{nameof(Backend)}) runs QSANN's circuits; CSANN has none (leave it at native).");
        if (Backend == Backend.Shots && Model.Kind == ModelKind.Csann)
            throw new ArgumentException($"The shots backend ({nameof(TrainingOptions)}.{nameof(Backend)}) samples QSANN's circuits; CSANN has none (leave it at native).");
        if (Backend == Backend.Shots && Shots < 1) throw new ArgumentException($"The shots backend needs at least one shot ({nameof(TrainingOptions)}.{nameof(Shots)}); got {Shots}.");
        if (Backend != Backend.Shots && Shots != 0) throw new ArgumentException($"A shot count ({Shots}) only applies to the shots backend.");
        if (Noise is not null)
        {
            if (Model.Kind == ModelKind.Csann) throw new ArgumentException($"A noise model ({nameof(TrainingOptions)}.{nameof(Noise)}) acts on QSANN's circuits; CSANN has none.");
            _ = BackendChoice; // parses the model and refuses backends that cannot simulate it
        }
        return this;
    }
}

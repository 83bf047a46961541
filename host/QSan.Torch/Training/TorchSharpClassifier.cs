using System.Runtime.InteropServices;
using QSan.Model;
using QSan.Torch.Model;
using QSan.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using OptimizerState = QSan.Autograd.OptimizerState;

namespace QSan.Torch.Training;

/// <summary>
/// The TorchSharp framework: the classifier as TorchSharp modules (<see cref="TorchClassifiers.From"/>), differentiated
/// by LibTorch's autograd (the circuits by <see cref="QuantumCircuits"/>) and stepped by <c>torch.optim.Adam</c>.
/// Checkpoints hold QSan's names and Adam's buffers in QSan's layout, so <c>--resume</c> continues bit for bit.
/// </summary>
/// <remarks>
/// Sets LibTorch's intra-op threads to one for the process: QSANN's tensors are tiny (a minibatch is a few hundred
/// numbers) and the engine runs its circuits on its own threads. With LibTorch's OpenMP threads spinning beside them,
/// a Yelp run took 3–25 s instead of 0.9 s on a busy 2-core machine (BENCHMARKS.md).
/// </remarks>
public sealed class TorchSharpClassifier : ITrainableClassifier, IDisposable
{
    private readonly TrainingOptions options;
    private readonly Adam optimizer;
    private readonly Parameter[] parameters;

    /// <summary>Builds the TorchSharp twin of <paramref name="model"/> (its current weights) and Adam with the options' rate and L2 decay.</summary>
    public TorchSharpClassifier(SentenceClassifier model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        Model = TorchClassifiers.From(model);
        set_num_threads(1);
        // Adam's buffers are saved in QSan's parameter order; the twin registers its parameters in that order.
        var names = Model.StateDict().Keys.ToList();
        var qsanNames = model.NamedParameters().Select(p => p.Name).ToList();
        if (!names.SequenceEqual(qsanNames))
            throw new InvalidOperationException($"The TorchSharp model lists its parameters as {string.Join(", ", names)}; QSan's as {string.Join(", ", qsanNames)}.");
        parameters = [.. Model.parameters()];
        optimizer = optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay);
    }

    /// <summary>The TorchSharp classifier being trained.</summary>
    public TorchSentenceClassifier Model { get; }

    /// <inheritdoc/>
    public (double DataLoss, double[] Logits) Step(int[] ids, int[] offsets, double[] labels)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = Model.forward(ids, offsets);
        var data = TorchClassifiers.DataLoss(logits, labels, options.Loss);
        TorchClassifiers.WithPenalty(Model, data, options.Lambda).backward();
        optimizer.step();
        if (options.DecoupledWeightDecay > 0)
        {
            using var _ = no_grad();
            var factor = 1.0 - options.LearningRate * options.DecoupledWeightDecay;
            foreach (var p in parameters) p.mul_(factor);
        }
        return (data.item<double>(), logits.detach().data<double>().ToArray());
    }

    /// <inheritdoc/>
    public (double DataLoss, double[] Logits) Score(int[] ids, int[] offsets, double[] labels)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logits = Model.forward(ids, offsets);
        return (TorchClassifiers.DataLoss(logits, labels, options.Loss).item<double>(), logits.data<double>().ToArray());
    }

    /// <inheritdoc/>
    public void WarmUp(int[] ids, int[] offsets, double[] labels)
    {
        using (NewDisposeScope())
        {
            var logits = Model.forward(ids, offsets);
            var data = TorchClassifiers.DataLoss(logits, labels, options.Loss);
            TorchClassifiers.WithPenalty(Model, data, options.Lambda).backward();
        }
        foreach (var p in parameters) p.grad = null;
        Score(ids, offsets, labels);
        using var scratch = new Parameter(zeros(Model.Dimension, ScalarType.Float64));
        scratch.grad = zeros(Model.Dimension, ScalarType.Float64);
        using var adam = optim.Adam([scratch], options.LearningRate, weight_decay: options.WeightDecay);
        adam.step();
    }

    /// <inheritdoc/>
    public Dictionary<string, double[]> StateDict() => Model.StateDict();

    /// <inheritdoc/>
    public void LoadStateDict(IReadOnlyDictionary<string, double[]> state) => Model.LoadStateDict(state);

    /// <inheritdoc/>
    public OptimizerState SaveOptimizer()
    {
        var states = AdamStates();
        var buffers = new double[2 * states.Count][];
        for (var i = 0; i < states.Count; i++)
        {
            buffers[2 * i] = states[i].exp_avg.data<double>().ToArray();
            buffers[2 * i + 1] = states[i].exp_avg_sq.data<double>().ToArray();
        }
        var steps = states.Select(s => s.step).Distinct().ToList();
        if (steps.Count != 1) throw new InvalidOperationException($"Adam's parameters have taken different numbers of steps ({string.Join(", ", steps)}); QSan's checkpoints keep one count.");
        return new OptimizerState("Adam", steps[0], optimizer.ParamGroups.First().LearningRate, buffers);
    }

    /// <inheritdoc/>
    public void LoadOptimizer(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != "Adam") throw new ArgumentException($"Cannot load {state.Kind} state into Adam.");
        var states = AdamStates();
        if (state.Buffers is null || state.Buffers.Length != 2 * states.Count)
            throw new ArgumentException($"Optimiser state has {state.Buffers?.Length ?? 0} buffers; Adam over {states.Count} parameters needs {2 * states.Count}.");
        for (var i = 0; i < state.Buffers.Length; i++)
            if (state.Buffers[i] is null || state.Buffers[i].Length != parameters[i / 2].numel())
                throw new ArgumentException($"Optimiser state buffer {i} has {state.Buffers[i]?.Length ?? 0} values; parameter {i / 2} has {parameters[i / 2].numel()}.");
        for (var i = 0; i < states.Count; i++)
        {
            state.Buffers[2 * i].CopyTo(MemoryMarshal.Cast<byte, double>(states[i].exp_avg.bytes));
            state.Buffers[2 * i + 1].CopyTo(MemoryMarshal.Cast<byte, double>(states[i].exp_avg_sq.bytes));
            states[i].step = state.StepCount;
        }
        optimizer.ParamGroups.First().LearningRate = state.LearningRate;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        optimizer.Dispose();
        Model.Dispose();
    }

    private List<Adam.State> AdamStates() => [.. optimizer.state_dict().State.Cast<Adam.State>()];
}

/// <summary>Makes <see cref="TrainingFramework.TorchSharp"/> available to QSan's training, evaluation and benchmarks.</summary>
public static class TorchSharpTraining
{
    /// <summary>Registers the framework (idempotent).</summary>
    public static void Register() =>
        TrainingFrameworks.Register(TrainingFramework.TorchSharp, (model, options) => new TorchSharpClassifier(model, options));
}

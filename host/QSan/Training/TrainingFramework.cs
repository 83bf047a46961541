using System.Collections.Concurrent;
using QSan.Model;

namespace QSan.Training;

/// <summary>What computes a classifier's gradients and steps its optimiser during training.</summary>
public enum TrainingFramework
{
    /// <summary>QSan's own autograd and Adam (<see cref="QSanAutogradClassifier"/>): the fastest on QSANN's small tensors.</summary>
    QSan,

    /// <summary>TorchSharp (LibTorch): the same model as TorchSharp modules, trained by <c>torch.optim.Adam</c> (assembly QSan.Torch).</summary>
    TorchSharp,
}

/// <summary>
/// The classifier as the training loop drives it: one optimiser step on a minibatch, logits without a graph, and the
/// weights and optimiser state a checkpoint keeps (in QSan's parameter names and order, whatever the framework).
/// </summary>
public interface ITrainableClassifier
{
    /// <summary>
    /// One step: forward, the data loss plus λ‖w‖² on the head's weights, backward, Adam, then AdamW's decoupled decay when set.
    /// Returns the data loss and the logits of the batch (before the step).
    /// </summary>
    (double DataLoss, double[] Logits) Step(int[] ids, int[] offsets, double[] labels);

    /// <summary>The data loss (without λ‖w‖²) and the logits of a batch, without recording a graph.</summary>
    (double DataLoss, double[] Logits) Score(int[] ids, int[] offsets, double[] labels);

    /// <summary>
    /// Compiles (or warms) every code path of a step on a batch without changing anything: no weight, optimiser value or
    /// random number moves.
    /// </summary>
    void WarmUp(int[] ids, int[] offsets, double[] labels);

    /// <summary>A copy of the weights under QSan's parameter names.</summary>
    Dictionary<string, double[]> StateDict();

    /// <summary>Loads weights saved by <see cref="StateDict"/> (of either framework).</summary>
    void LoadStateDict(IReadOnlyDictionary<string, double[]> state);

    /// <summary>Adam's state: step count, learning rate, and m, v per parameter in QSan's parameter order.</summary>
    Autograd.OptimizerState SaveOptimizer();

    /// <summary>Restores a state saved by <see cref="SaveOptimizer"/>.</summary>
    void LoadOptimizer(Autograd.OptimizerState state);
}

/// <summary>
/// Where a <see cref="TrainingFramework"/> becomes an <see cref="ITrainableClassifier"/>. QSan's own is built in; the
/// TorchSharp one lives in QSan.Torch, which registers it (<c>QSan.Torch.Training.TorchSharpTraining.Register()</c>;
/// the command line does this at start), so this library needs no reference to TorchSharp.
/// </summary>
public static class TrainingFrameworks
{
    private static readonly ConcurrentDictionary<TrainingFramework, Func<SentenceClassifier, TrainingOptions, ITrainableClassifier>> factories = new();

    /// <summary>Makes <paramref name="framework"/> available to training, evaluation and benchmarks.</summary>
    public static void Register(TrainingFramework framework, Func<SentenceClassifier, TrainingOptions, ITrainableClassifier> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factories[framework] = factory;
    }

    /// <summary>The options' framework around <paramref name="model"/>, starting from the model's current weights.</summary>
    public static ITrainableClassifier Create(SentenceClassifier model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Framework == TrainingFramework.QSan) return new QSanAutogradClassifier(model, options);
        if (factories.TryGetValue(options.Framework, out var factory)) return factory(model, options);
        throw new InvalidOperationException(
            $"The {options.Framework} framework is not loaded: reference QSan.Torch and call QSan.Torch.Training.TorchSharpTraining.Register() first (the qsan command line does).");
    }
}

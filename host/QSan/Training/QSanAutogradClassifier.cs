using QSan.Autograd;
using QSan.Model;

namespace QSan.Training;

/// <summary>
/// QSan's own framework: the <see cref="SentenceClassifier"/> itself, differentiated by QSan's autograd and stepped by
/// its Adam. The paper's QSANN takes <see cref="FusedQsann"/> instead of the graph: the same numbers, bit for bit, faster.
/// </summary>
public sealed class QSanAutogradClassifier : ITrainableClassifier
{
    private readonly SentenceClassifier model;
    private readonly TrainingOptions options;
    private readonly Adam optimizer;
    private readonly FusedQsann? fused;

    /// <summary>Trains <paramref name="model"/> in place with the options' loss, λ, learning rate and decays.</summary>
    public QSanAutogradClassifier(SentenceClassifier model, TrainingOptions options)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        optimizer = new Adam(model.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
        fused = FusedQsann.For(model, options.Loss, options.Lambda);
    }

    /// <inheritdoc/>
    public (double DataLoss, double[] Logits) Step(int[] ids, int[] offsets, double[] labels)
    {
        optimizer.ZeroGrad();
        var (dataLoss, logits) = Gradients(ids, offsets, labels);
        optimizer.Step();
        if (options.DecoupledWeightDecay > 0) Shrink(1.0 - optimizer.LearningRate * options.DecoupledWeightDecay);
        return (dataLoss, logits);
    }

    /// <inheritdoc/>
    public (double DataLoss, double[] Logits) Score(int[] ids, int[] offsets, double[] labels)
    {
        if (fused is not null) return fused.Score(ids, offsets, labels);
        using var _ = Tensor.NoGrad();
        var logits = model.Forward(ids, offsets);
        return (DataLoss(logits, labels, options.Loss).Item(), logits.Data);
    }

    /// <inheritdoc/>
    public void WarmUp(int[] ids, int[] offsets, double[] labels)
    {
        // A real step, then the weights and Adam's state put back exactly as they were.
        var weights = StateDict();
        var state = SaveOptimizer();
        Step(ids, offsets, labels);
        LoadStateDict(weights);
        LoadOptimizer(state);
        foreach (var p in model.Parameters()) p.Grad = null;
        Score(ids, offsets, labels);
    }

    /// <inheritdoc/>
    public Dictionary<string, double[]> StateDict() => model.StateDict();

    /// <inheritdoc/>
    public void LoadStateDict(IReadOnlyDictionary<string, double[]> state) => model.LoadStateDict(state);

    /// <inheritdoc/>
    public OptimizerState SaveOptimizer() => optimizer.SaveState();

    /// <inheritdoc/>
    public void LoadOptimizer(OptimizerState state) => optimizer.LoadState(state);

    /// <summary>Adds the gradients of the step's loss into the parameters: the fused step where it covers the model, else the graph.</summary>
    private (double DataLoss, double[] Logits) Gradients(int[] ids, int[] offsets, double[] labels)
    {
        if (fused is not null) return fused.AccumulateGradients(ids, offsets, labels);
        var (data, total, logits) = Loss(ids, offsets, labels);
        total.Backward();
        return (data.Item(), logits.Data);
    }

    private (Tensor Data, Tensor Total, Tensor Logits) Loss(int[] ids, int[] offsets, double[] labels)
    {
        var logits = model.Forward(ids, offsets);
        var data = DataLoss(logits, labels, options.Loss);
        return (data, options.Lambda > 0 ? data + options.Lambda * Functional.L2Penalty(model.Head.Weight) : data, logits);
    }

    /// <summary>The mean data loss of <paramref name="logits"/>: MSE on σ(z) (the paper) or BCE on the logits.</summary>
    internal static Tensor DataLoss(Tensor logits, double[] labels, LossKind loss)
    {
        var target = new Tensor(labels, [labels.Length]);
        return loss == LossKind.Bce ? Functional.BinaryCrossEntropyWithLogits(logits, target) : Functional.MseLoss(logits.Sigmoid(), target);
    }

    /// <summary>AdamW's decoupled decay: every parameter scaled by <paramref name="factor"/> after the step.</summary>
    private void Shrink(double factor)
    {
        foreach (var p in model.Parameters())
        {
            var values = p.Data;
            for (var i = 0; i < values.Length; i++) values[i] *= factor;
        }
    }
}

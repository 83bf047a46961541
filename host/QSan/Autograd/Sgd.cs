using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>
/// Stochastic gradient descent as <c>torch.optim.SGD</c> (no dampening, no Nesterov):
/// g = ∇ + λθ; with momentum μ, b ← μb + g and θ ← θ − lr·b; without, θ ← θ − lr·g.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="momentum">μ ≥ 0; 0 disables momentum.</param>
    /// <param name="weightDecay">λ ≥ 0, added to the gradient as λθ (L2 regularisation).</param>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0.0, double weightDecay = 0.0)
        : base(parameters, learningRate, momentum == 0.0 ? 0 : 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        Momentum = momentum;
        WeightDecay = weightDecay;
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected override string Kind => "Sgd";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Update(int index, double[] values, double[] grad)
    {
        var lr = LearningRate;
        var decay = WeightDecay;
        if (BuffersPerParameter == 0)
        {
            for (var i = 0; i < values.Length; i++) values[i] -= lr * (grad[i] + decay * values[i]);
            return;
        }
        var velocity = Buffer(index, 0);
        var momentum = Momentum;
        for (var i = 0; i < values.Length; i++)
        {
            velocity[i] = momentum * velocity[i] + grad[i] + decay * values[i];
            values[i] -= lr * velocity[i];
        }
    }
}

namespace QSan.Autograd;

/// <summary>
/// Adam (Kingma &amp; Ba) as <c>torch.optim.Adam</c> with weight decay in the classic L2 style: the decay is
/// added to the gradient (g = ∇ + λθ) before the moment updates, not decoupled as in AdamW. Per step t:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Step size (lr).</param>
    /// <param name="beta1">β₁ in [0, 1): decay of the first moment.</param>
    /// <param name="beta2">β₂ in [0, 1): decay of the second moment.</param>
    /// <param name="epsilon">ε &gt; 0 added to the denominator.</param>
    /// <param name="weightDecay">λ ≥ 0, L2 penalty folded into the gradient.</param>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
        : base(parameters, learningRate, 2)
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), $"β₁ must be in [0, 1); got {beta1}.");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), $"β₂ must be in [0, 1); got {beta2}.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected override string Kind => "Adam";

    /// <inheritdoc/>
    protected override void Update(int index, double[] values, double[] grad)
    {
        var m = Buffer(index, 0);
        var v = Buffer(index, 1);
        var t = (double)StepCount;
        var correction1 = 1.0 - Math.Pow(Beta1, t);
        var correction2 = 1.0 - Math.Pow(Beta2, t);
        var lr = LearningRate;
        for (var i = 0; i < values.Length; i++)
        {
            var g = grad[i] + WeightDecay * values[i];
            m[i] = Beta1 * m[i] + (1.0 - Beta1) * g;
            v[i] = Beta2 * v[i] + (1.0 - Beta2) * g * g;
            var mHat = m[i] / correction1;
            var vHat = v[i] / correction2;
            values[i] -= lr * mHat / (Math.Sqrt(vHat) + Epsilon);
        }
    }
}

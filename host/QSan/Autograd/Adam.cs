using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>
/// Adam (Kingma &amp; Ba) as <c>torch.optim.Adam</c> with weight decay in the classic L2 style: the decay is
/// added to the gradient (g = ∇ + λθ) before the moment updates, not decoupled as in AdamW. Per step t:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
/// </summary>
/// <remarks>
/// t is <see cref="Optimizer.StepCount"/>, shared by all parameters; PyTorch counts per parameter, which
/// differs only for a parameter whose gradient was still null (never reached by Backward) in early steps.
/// </remarks>
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
        // θ −= lr·(m / c₁) / (√(v / c₂) + ε), with the bias corrections folded into two scalars.
        var stepSize = LearningRate / (1.0 - Math.Pow(Beta1, t));
        var inverseCorrection2 = 1.0 / (1.0 - Math.Pow(Beta2, t));
        // Element by element, so two halves on two threads give one thread's values.
        InHalves(values.Length, (start, end) => Update(values, grad, m, v, stepSize, inverseCorrection2, start, end));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update(double[] values, double[] grad, double[] m, double[] v, double stepSize, double inverseCorrection2, int start, int end)
    {
        double b1 = Beta1, b2 = Beta2, decay = WeightDecay, eps = Epsilon;
        var i = start;
        // Element-wise IEEE operations, so every vector width gives the scalar loop's values exactly; the widest is fastest
        // (a step over the embedding table is bound by its square roots and divisions).
        if (Vector512.IsHardwareAccelerated)
        {
            var width = Vector512<double>.Count;
            for (; i <= end - width; i += width)
            {
                var theta = Vector512.Create(values.AsSpan(i));
                var g = Vector512.Create(grad.AsSpan(i)) + decay * theta;
                var mi = b1 * Vector512.Create(m.AsSpan(i)) + (1.0 - b1) * g;
                var vi = b2 * Vector512.Create(v.AsSpan(i)) + (1.0 - b2) * g * g;
                mi.CopyTo(m.AsSpan(i));
                vi.CopyTo(v.AsSpan(i));
                (theta - stepSize * mi / (Vector512.Sqrt(vi * inverseCorrection2) + Vector512.Create(eps))).CopyTo(values.AsSpan(i));
            }
        }
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; i <= end - width; i += width)
            {
                var theta = new Vector<double>(values, i);
                var g = new Vector<double>(grad, i) + decay * theta;
                var mi = b1 * new Vector<double>(m, i) + (1.0 - b1) * g;
                var vi = b2 * new Vector<double>(v, i) + (1.0 - b2) * g * g;
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
                (theta - stepSize * mi / (Vector.SquareRoot(vi * inverseCorrection2) + new Vector<double>(eps))).CopyTo(values, i);
            }
        }
        for (; i < end; i++)
        {
            var g = grad[i] + decay * values[i];
            m[i] = b1 * m[i] + (1.0 - b1) * g;
            v[i] = b2 * v[i] + (1.0 - b2) * g * g;
            values[i] -= stepSize * m[i] / (Math.Sqrt(v[i] * inverseCorrection2) + eps);
        }
    }
}

namespace QSan.Autograd;

/// <summary>A fully connected layer y = x·Wᵀ + b with W: [out × in] and b: [out] (as <c>torch.nn.Linear</c>).</summary>
public sealed class Linear : Module
{
    /// <summary>
    /// Creates the layer. With <paramref name="initStd"/> null, W and b are drawn from U(−1/√in, 1/√in) as in PyTorch;
    /// otherwise from N(0, initStd²).
    /// </summary>
    /// <param name="inFeatures">Input width.</param>
    /// <param name="outFeatures">Output width.</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="initStd">Standard deviation of a normal initialisation, or null for PyTorch's uniform one.</param>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true, double? initStd = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(random);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var bound = 1.0 / Math.Sqrt(inFeatures);
        Tensor Init(int[] shape) => initStd is { } std ? Tensor.Normal(shape, 0.0, std, random) : Tensor.Uniform(shape, -bound, bound, random);
        Weight = RegisterParameter("weight", Init([outFeatures, inFeatures]));
        Bias = bias ? RegisterParameter("bias", Init([outFeatures])) : null;
    }

    /// <summary>Input width.</summary>
    public int InFeatures { get; }

    /// <summary>Output width.</summary>
    public int OutFeatures { get; }

    /// <summary>W: [out × in].</summary>
    public Tensor Weight { get; }

    /// <summary>b: [out], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>Applies the layer over the last axis: [..., in] → [..., out].</summary>
    public Tensor Forward(Tensor x) => Functional.Linear(x, Weight, Bias);
}

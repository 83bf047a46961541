using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>
/// A layer with a weight and a bias, optionally spectrally normalised (<see cref="SpectralNorm"/>). Weights and biases
/// start as PyTorch's defaults, U(−1/√fan_in, 1/√fan_in), but drawn from the run's own generator, so a seed fixes a
/// network without touching TorchSharp's global generator (which tests running side by side share).
/// </summary>
public abstract class WeightLayer : nn.Module<Tensor, Tensor>
{
    private readonly bool rowsOnSecondAxis;

    /// <summary>Creates the parameters.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="shape">The weight's shape.</param>
    /// <param name="fanIn">Inputs that reach one output value.</param>
    /// <param name="outputs">Bias entries (output channels or features), or 0 for no bias.</param>
    /// <param name="spectralNorm">Whether the weight is spectrally normalised.</param>
    /// <param name="rowsOnSecondAxis">Whether the output channels are the weight's second axis (transposed convolutions).</param>
    /// <param name="generator">Source of the initial values.</param>
    protected WeightLayer(string name, long[] shape, long fanIn, long outputs, bool spectralNorm, bool rowsOnSecondAxis, Generator generator)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        this.rowsOnSecondAxis = rowsOnSecondAxis;
        var bound = 1.0 / Math.Sqrt(fanIn);
        Weight = new Parameter((rand(shape, dtype: ScalarType.Float32, generator: generator) * 2 - 1) * bound);
        register_parameter("weight", Weight);
        if (outputs > 0)
        {
            Bias = new Parameter((rand([outputs], dtype: ScalarType.Float32, generator: generator) * 2 - 1) * bound);
            register_parameter("bias", Bias);
        }
        if (spectralNorm)
        {
            var rows = rowsOnSecondAxis ? shape[1] : shape[0];
            Normalisation = new SpectralNorm(rows, shape.Aggregate(1L, (a, b) => a * b) / rows, ScalarType.Float32, generator);
            register_module("spectral_norm", Normalisation);
        }
    }

    /// <summary>The stored weight (before normalisation).</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>The spectral normalisation, or null.</summary>
    public SpectralNorm? Normalisation { get; }

    /// <summary>The weight the layer applies: W / σ(W) with spectral normalisation (one power iteration in training mode), else W.</summary>
    protected Tensor EffectiveWeight() => Normalisation is null ? Weight : Normalisation.Normalise(Weight, rowsOnSecondAxis);
}

/// <summary>A fully connected layer: x Wᵀ + b, W [outputs, inputs].</summary>
public sealed class DenseLayer(long inputs, long outputs, bool spectralNorm, Generator generator, bool bias = true)
    : WeightLayer(nameof(DenseLayer), [outputs, inputs], inputs, bias ? outputs : 0, spectralNorm, false, generator)
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => nn.functional.linear(input, EffectiveWeight(), Bias);
}

/// <summary>A 2-d convolution, W [outputs, inputs, k, k].</summary>
public sealed class ConvLayer(long inputs, long outputs, long kernel, long stride, long padding, bool spectralNorm, Generator generator, bool bias = true)
    : WeightLayer(nameof(ConvLayer), [outputs, inputs, kernel, kernel], inputs * kernel * kernel, bias ? outputs : 0, spectralNorm, false, generator)
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor input) =>
        nn.functional.conv2d(input, EffectiveWeight(), Bias, strides: [stride, stride], padding: [padding, padding]);
}

/// <summary>
/// A 2-d transposed convolution (the upsampling step of DCGAN and SAGAN generators), W [inputs, outputs, k, k]; its
/// spectral norm views W as [outputs, inputs·k·k], as PyTorch's does for transposed convolutions.
/// </summary>
public sealed class UpConvLayer(long inputs, long outputs, long kernel, long stride, long padding, bool spectralNorm, Generator generator)
    // PyTorch's default initialisation of a transposed convolution takes its fan-in from weight.size(1) · k · k.
    : WeightLayer(nameof(UpConvLayer), [inputs, outputs, kernel, kernel], outputs * kernel * kernel, outputs, spectralNorm, true, generator)
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor input) =>
        nn.functional.conv_transpose2d(input, EffectiveWeight(), Bias, strides: [stride, stride], padding: [padding, padding]);
}

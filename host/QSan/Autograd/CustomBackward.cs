namespace QSan.Autograd;

/// <summary>
/// The vector-Jacobian product of a custom op (see <see cref="Tensor.Custom(Tensor[], double[], int[], CustomBackward)"/>).
/// </summary>
/// <param name="outputGradient">∂loss/∂output, laid out like the op's output.</param>
/// <param name="inputGradients">
/// One zero-filled buffer per input, laid out like that input, or null where the input needs no gradient.
/// Write ∂loss/∂input (= outputGradientᵀ ∂output/∂input) into it; the framework adds it to the input's gradient.
/// </param>
public delegate void CustomBackward(ReadOnlySpan<double> outputGradient, double[]?[] inputGradients);

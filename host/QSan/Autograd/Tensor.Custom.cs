
namespace QSan.Autograd;

/// <summary>User-defined ops with a hand-written backward pass (e.g. the quantum layer).</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Records an op computed outside the autograd as one graph node: <paramref name="output"/> (owned by the
    /// result) was computed from <paramref name="inputs"/>, and <paramref name="backward"/> supplies its
    /// vector-Jacobian product. Used for the quantum layer, whose backward is the engine's VJP.
    /// </summary>
    /// <param name="inputs">The tensors the output depends on.</param>
    /// <param name="output">The computed values (row-major; not copied).</param>
    /// <param name="shape">The output's shape.</param>
    /// <param name="backward">Fills the inputs' gradient contributions; called once per <see cref="Backward"/>.</param>
    public static Tensor Custom(Tensor[] inputs, double[] output, int[] shape, CustomBackward backward)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(backward);
        var ins = (Tensor[])inputs.Clone();
        var probe = new Tensor(output, shape);
        return Record(probe.Data, probe.Shape, ins, g =>
        {
            var buffers = new double[]?[ins.Length];
            for (var i = 0; i < ins.Length; i++)
                if (ins[i].RequiresGrad) buffers[i] = new double[ins[i].Count];
            backward(g, buffers);
            for (var i = 0; i < ins.Length; i++)
            {
                var buffer = buffers[i];
                if (buffer is null) continue;
                if (buffer.Length != ins[i].Count)
                    throw new InvalidOperationException($"Custom op backward replaced the gradient buffer of input {i} with one of length {buffer.Length}; {ins[i].Count} expected.");
                var gi = ins[i].AccumulateGrad();
                Kernels.Add(gi, buffer, gi);
            }
        });
    }

    /// <summary>
    /// Records a custom op whose backward works on tensors: given ∂loss/∂output it returns one gradient per
    /// input (each with that input's number of values), or null for an input it does not differentiate.
    /// </summary>
    /// <param name="inputs">The tensors the output depends on.</param>
    /// <param name="output">The computed values (row-major; not copied).</param>
    /// <param name="shape">The output's shape.</param>
    /// <param name="backward">Maps the output gradient to the inputs' gradients.</param>
    public static Tensor Custom(Tensor[] inputs, double[] output, int[] shape, Func<Tensor, Tensor?[]> backward)
    {
        ArgumentNullException.ThrowIfNull(backward);
        var outputShape = (int[])shape.Clone();
        return Custom(inputs, output, shape, (outputGradient, inputGradients) =>
        {
            var grads = backward(FromArray(outputGradient, outputShape));
            if (grads.Length != inputGradients.Length)
                throw new InvalidOperationException($"Custom op backward returned {grads.Length} gradients for {inputGradients.Length} inputs.");
            for (var i = 0; i < grads.Length; i++)
            {
                var grad = grads[i];
                var buffer = inputGradients[i];
                if (grad is null || buffer is null) continue;
                if (grad.Count != buffer.Length)
                    throw new InvalidOperationException($"Custom op backward returned {grad.Count} values for input {i}, which has {buffer.Length}.");
                grad.Data.CopyTo(buffer, 0);
            }
        });
    }
}

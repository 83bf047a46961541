using System.Runtime.InteropServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace QSan.Torch;

/// <summary>
/// QSan's circuits as one TorchSharp autograd function: a batch of <see cref="BranchedCircuit"/>s (one row of encoder
/// angles each, one shared weight vector) evaluated by any engine in one call, and differentiated in one call of the
/// engine's vector–Jacobian product. The engine decides how: the native state-vector engine (adjoint), the density-matrix
/// engine under a noise model, local shots or Microsoft's simulator through <see cref="ParameterShiftGradient"/>.
/// </summary>
public static class QuantumCircuits
{
    /// <summary>
    /// Expectations [batch × <see cref="BranchedCircuit.ObservableCount"/>] of the circuits with per-circuit
    /// <paramref name="inputs"/> [batch × <see cref="BranchedCircuit.InputCount"/>] and shared
    /// <paramref name="weights"/> [<see cref="BranchedCircuit.WeightCount"/>] (any shape with that many values), in
    /// float64; gradients reach both when they require them.
    /// </summary>
    /// <param name="engine">Evaluates the circuits; an engine without its own gradients is differentiated by parameter shift.</param>
    /// <param name="circuit">The circuit family.</param>
    /// <param name="inputs">float64 on the CPU.</param>
    /// <param name="weights">float64 on the CPU.</param>
    public static Tensor Apply(IQuantumEngine engine, BranchedCircuit circuit, Tensor inputs, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(weights);
        TorchRuntime.EnsureLoaded();
        Check(inputs, nameof(inputs));
        Check(weights, nameof(weights));
        if (inputs.dim() != 2 || inputs.shape[1] != circuit.InputCount)
            throw new ArgumentException($"The circuits take [batch, {circuit.InputCount}] inputs; got [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        if (weights.numel() != circuit.WeightCount)
            throw new ArgumentException($"The circuits take {circuit.WeightCount} weights; got {weights.numel()}.", nameof(weights));
        var differentiable = engine as IDifferentiableEngine ?? new ParameterShiftGradient(engine);
        return CircuitFunction.apply(differentiable, circuit, inputs, weights);
    }

    private static void Check(Tensor tensor, string name)
    {
        if (tensor.dtype != ScalarType.Float64)
            throw new ArgumentException($"QSan's circuits run in float64; {name} is {tensor.dtype} (convert it with .to(torch.float64)).", name);
        if (tensor.device_type != DeviceType.CPU)
            throw new ArgumentException($"QSan's engines run on the CPU; {name} is on {tensor.device}.", name);
    }

    /// <summary>A contiguous float64 tensor's values, read without a copy (the caller keeps the tensor alive while it reads).</summary>
    internal static ReadOnlySpan<double> Values(Tensor contiguous) => MemoryMarshal.Cast<byte, double>(contiguous.bytes);

    /// <summary>A contiguous float64 tensor's values, written in place.</summary>
    internal static Span<double> Writable(Tensor contiguous) => MemoryMarshal.Cast<byte, double>(contiguous.bytes);

    /// <summary>
    /// The node itself. TorchSharp keeps one instance per function type, so everything a call needs (engine, circuit)
    /// travels as non-tensor arguments and is kept in the call's context.
    /// </summary>
    private sealed class CircuitFunction : autograd.SingleTensorFunction<CircuitFunction>
    {
        public override string Name => "QSanCircuits";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var engine = (IDifferentiableEngine)vars[0];
            var circuit = (BranchedCircuit)vars[1];
            var inputs = ((Tensor)vars[2]).contiguous();
            var weights = ((Tensor)vars[3]).contiguous();
            var batch = (int)inputs.shape[0];
            var expectations = empty([batch, circuit.ObservableCount], ScalarType.Float64);
            // When gradients are wanted, backward's Vjp gets these same arguments: the engine may keep its forward states for it.
            if (inputs.requires_grad || weights.requires_grad) engine.ForwardKeepingStates(circuit, batch, Values(inputs), Values(weights), Writable(expectations));
            else engine.Forward(circuit, batch, Values(inputs), Values(weights), Writable(expectations));
            ctx.save_data("engine", engine);
            ctx.save_data("circuit", circuit);
            // The values the engine read are the values backward differentiates at (saved variables refuse in-place changes).
            ctx.save_for_backward([inputs, weights]);
            return expectations;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var engine = (IDifferentiableEngine)ctx.get_data("engine");
            var circuit = (BranchedCircuit)ctx.get_data("circuit");
            var saved = ctx.get_saved_variables();
            var inputs = saved[0];
            var weights = saved[1];
            var batch = (int)inputs.shape[0];
            var cotangents = grad_output.to(ScalarType.Float64).contiguous();
            var inputGradients = empty([batch, circuit.InputCount], ScalarType.Float64);
            var weightGradients = empty([circuit.WeightCount], ScalarType.Float64);
            var expectations = new double[batch * circuit.ObservableCount];
            engine.Vjp(circuit, batch, Values(inputs), Values(weights), Values(cotangents), expectations, Writable(inputGradients), Writable(weightGradients));
            // The spans do not keep their tensors alive: without this, a collection during the engine call could finalize
            // a temporary cotangent tensor and free the memory the engine is reading.
            GC.KeepAlive(cotangents);
            return [null!, null!, inputGradients, weightGradients.reshape(weights.shape)];
        }
    }
}

using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>
/// Evaluates a batch of <see cref="BranchedCircuit"/>s: every circuit of the batch has its own inputs
/// (encoder angles) and all share one weight vector. The engines, all giving the same expectations up to their noise
/// and sampling:
/// <list type="bullet">
/// <item><see cref="NativeEngine"/>: exact state vectors on the CPU, adjoint gradients (the default);</item>
/// <item><see cref="DensityMatrixEngine"/>: exact density matrices under a <see cref="Noise.NoiseModel"/>, adjoint gradients;</item>
/// <item><see cref="ParameterShiftGradient"/>: gradients by the parameter-shift rule on top of any engine;</item>
/// <item><c>Shots.ShotEngine</c>: expectations from measured shots of an <c>IShotBackend</c> (local sampling, or Azure
/// Quantum's <c>AzureShotBackend</c>), and <c>Shots.SampledExpectationEngine</c>: shots drawn from another engine's exact values;</item>
/// <item><c>Qsann.QSharpSimulatorEngine</c>: Microsoft's Q# simulator through the bridge, running the Q# operations themselves;</item>
/// <item><c>Azure.Engines.SubmissionPlanner</c>: plans and prices an Azure Quantum run, answering with exact values.</item>
/// </list>
/// </summary>
public interface IQuantumEngine
{
    /// <summary>A short name for messages and benchmarks.</summary>
    string Name { get; }

    /// <summary>Computes the expectations of every branch's observables for every circuit of the batch.</summary>
    /// <param name="circuit">The circuit family.</param>
    /// <param name="batch">Number of circuits.</param>
    /// <param name="inputs">Row-major [batch × circuit.InputCount].</param>
    /// <param name="weights">[circuit.WeightCount]: the branches' weights concatenated in branch order.</param>
    /// <param name="expectations">Output, row-major [batch × circuit.ObservableCount] (branches' observables concatenated).</param>
    void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations);
}

/// <summary>An engine that also computes vector-Jacobian products of the expectations.</summary>
public interface IDifferentiableEngine : IQuantumEngine
{
    /// <summary>
    /// Given cotangents g (same shape as the expectations E), computes gᵀ ∂E/∂inputs per circuit and gᵀ ∂E/∂weights
    /// summed over the batch. Also writes the expectations, which the forward sweep produces anyway.
    /// </summary>
    /// <param name="circuit">The circuit family.</param>
    /// <param name="batch">Number of circuits.</param>
    /// <param name="inputs">Row-major [batch × InputCount].</param>
    /// <param name="weights">[WeightCount].</param>
    /// <param name="cotangents">Row-major [batch × ObservableCount].</param>
    /// <param name="expectations">Output [batch × ObservableCount].</param>
    /// <param name="inputGradients">Output (overwritten) [batch × InputCount].</param>
    /// <param name="weightGradients">Output (overwritten) [WeightCount], summed over the batch.</param>
    void Vjp(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients);

    /// <summary>
    /// <see cref="IQuantumEngine.Forward"/> for a batch whose <see cref="Vjp"/> comes next (a training step): an engine may
    /// keep what its forward sweep computed so that the Vjp with the same arguments skips it. By default, Forward.
    /// </summary>
    void ForwardKeepingStates(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations) =>
        Forward(circuit, batch, inputs, weights, expectations);
}

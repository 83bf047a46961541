using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>
/// Evaluates a batch of <see cref="BranchedCircuit"/>s: every circuit of the batch has its own inputs
/// (encoder angles) and all share one weight vector. Implemented by the native state-vector engine,
/// Microsoft's Q# simulator through the bridge, and shot-based backends; all give the same expectations.
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
}

using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Tests.Quantum.Engine;

/// <summary>The reference simulator behind the engine interface, so engine-agnostic code can be tested on it.</summary>
internal sealed class ReferenceEngine : IQuantumEngine
{
    public string Name => "reference";

    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations) =>
        ReferenceSimulator.EvaluateBatch(circuit, batch, inputs.ToArray(), weights.ToArray()).CopyTo(expectations);
}

using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>Span-length checks that every engine applies to the <see cref="IQuantumEngine"/> arguments.</summary>
internal static class EngineArguments
{
    public static void CheckForward(BranchedCircuit circuit, int batch, int inputs, int weights, int expectations)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        CheckLength(inputs, batch, circuit.InputCount, nameof(inputs));
        CheckLength(weights, 1, circuit.WeightCount, nameof(weights));
        CheckLength(expectations, batch, circuit.ObservableCount, nameof(expectations));
    }

    public static void CheckVjp(BranchedCircuit circuit, int batch, int inputs, int weights, int cotangents, int expectations,
        int inputGradients, int weightGradients)
    {
        CheckForward(circuit, batch, inputs, weights, expectations);
        CheckLength(cotangents, batch, circuit.ObservableCount, nameof(cotangents));
        CheckLength(inputGradients, batch, circuit.InputCount, nameof(inputGradients));
        CheckLength(weightGradients, 1, circuit.WeightCount, nameof(weightGradients));
    }

    private static void CheckLength(int actual, int rows, int width, string name)
    {
        if (actual != (long)rows * width)
            throw new ArgumentException($"Expected {rows} × {width} = {(long)rows * width} values, got {actual}.", name);
    }
}

using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>Shape checks shared by the engines, so every engine rejects bad spans with the same clear message.</summary>
public static class EngineArguments
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the argument whose length does not fit the batch.</summary>
    public static void Check(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, ReadOnlySpan<double> expectations)
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size cannot be negative.");
        Expect(nameof(inputs), inputs.Length, batch * circuit.InputCount);
        Expect(nameof(weights), weights.Length, circuit.WeightCount);
        Expect(nameof(expectations), expectations.Length, batch * circuit.ObservableCount);
    }

    /// <summary>Throws when <paramref name="actual"/> differs from <paramref name="expected"/>.</summary>
    public static void Expect(string argument, int actual, int expected)
    {
        if (actual != expected)
            throw new ArgumentException($"'{argument}' has length {actual}; expected {expected}.", argument);
    }

    /// <summary>Checks the lengths of <see cref="IQuantumEngine.Forward"/>'s spans.</summary>
    internal static void CheckForward(BranchedCircuit circuit, int batch, int inputs, int weights, int expectations)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        CheckLength(inputs, batch, circuit.InputCount, nameof(inputs));
        CheckLength(weights, 1, circuit.WeightCount, nameof(weights));
        CheckLength(expectations, batch, circuit.ObservableCount, nameof(expectations));
    }

    /// <summary>Checks the lengths of <see cref="IDifferentiableEngine.Vjp"/>'s spans.</summary>
    internal static void CheckVjp(BranchedCircuit circuit, int batch, int inputs, int weights, int cotangents, int expectations,
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

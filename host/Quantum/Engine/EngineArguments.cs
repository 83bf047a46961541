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
}

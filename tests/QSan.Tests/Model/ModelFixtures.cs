using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;

namespace QSan.Tests.Model;

/// <summary>Small models on the native engine for the model tests.</summary>
internal static class ModelFixtures
{
    // A minibatch of three sentences over a vocabulary of 7; words 1, 2 and 5 repeat, so QSANN's first layer evaluates
    // the distinct words and gathers them.
    public static readonly int[] Ids = [1, 2, 1, 3, 4, 2, 5, 5, 6, 0];
    public static readonly int[] Offsets = [0, 4, 5, 10];
    public static readonly double[] Labels = [1, 0, 1];

    /// <summary>The quantum layer for (n, D) on the native engine with QSANN's circuits built in C# (<see cref="QsannCircuits"/>).</summary>
    public static QuantumQkv Quantum(int qubits, int depth) => new(new NativeEngine(), QsannCircuits.AttentionCircuit(qubits, depth));

    /// <summary>A QSANN with larger-than-default initial values, so gradients are not all tiny.</summary>
    public static QsannModel Qsann(int qubits = 2, int depth = 1, int layers = 1, int heads = 1, int vocabulary = 7, int seed = 5, double initStd = 0.7, int positions = 0) =>
        new(new ModelConfig(ModelKind.Qsann, qubits, depth, layers, heads, InitStd: initStd, EmbeddingInitStd: initStd, Positions: positions), vocabulary, Quantum(qubits, depth), new Random(seed));

    /// <summary>A CSANN with larger-than-default initial values.</summary>
    public static CsannModel Csann(int dimension = 4, int layers = 1, int heads = 1, int vocabulary = 7, int seed = 5, double initStd = 0.5, int positions = 0) =>
        new(new ModelConfig(ModelKind.Csann, Layers: layers, Heads: heads, ClassicalDimension: dimension, InitStd: initStd, EmbeddingInitStd: initStd, Positions: positions), vocabulary, new Random(seed));
}

namespace QSan.Autograd;

/// <summary>A table of learned vectors, one row per token id (as <c>torch.nn.Embedding</c>).</summary>
public sealed class Embedding : Module
{
    /// <summary>Creates a [<paramref name="count"/> × <paramref name="dimension"/>] table with entries from N(0, <paramref name="initStd"/>²).</summary>
    /// <param name="count">Number of ids (vocabulary size, unknown-word slot included).</param>
    /// <param name="dimension">Vector length.</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="initStd">Standard deviation of the initial values (PyTorch uses 1).</param>
    public Embedding(int count, int dimension, Random random, double initStd = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(random);
        Weight = RegisterParameter("weight", Tensor.Normal([count, dimension], 0.0, initStd, random));
    }

    /// <summary>The table: [count × dimension].</summary>
    public Tensor Weight { get; }

    /// <summary>Number of ids.</summary>
    public int Count => Weight.Shape[0];

    /// <summary>Vector length.</summary>
    public int Dimension => Weight.Shape[1];

    /// <summary>The rows of <paramref name="ids"/>: [ids × dimension].</summary>
    public Tensor Forward(int[] ids) => Functional.Embedding(Weight, ids);
}

using TorchSharp;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018) as a module: a layer's weight W, viewed as a matrix [rows, columns],
/// is used as W / σ(W), σ the largest singular value, estimated by power iteration. TorchSharp 0.107 has no
/// <c>nn.utils.spectral_norm</c>; this follows PyTorch's: the vectors u and v are buffers (so checkpoints keep them and a
/// resumed run continues bit for bit), each forward pass in training mode does one power iteration without gradient,
/// and σ = uᵀ W v is differentiated through W only. In evaluation mode the stored u and v are used as they are.
/// </summary>
public sealed class SpectralNorm : nn.Module
{
    private const double Epsilon = 1e-12;
    private readonly Tensor u;
    private readonly Tensor v;

    /// <summary>Starts u and v as normalised N(0, 1) draws from <paramref name="generator"/>.</summary>
    /// <param name="rows">The matrix's rows: output channels (input channels for a transposed convolution).</param>
    /// <param name="columns">The matrix's columns: the weight's other values.</param>
    /// <param name="dtype">The weight's type.</param>
    /// <param name="generator">Source of the start vectors.</param>
    public SpectralNorm(long rows, long columns, ScalarType dtype, Generator generator)
        : base(nameof(SpectralNorm))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Rows = rows;
        Columns = columns;
        u = nn.functional.normalize(randn([rows], dtype: dtype, generator: generator), dim: 0, eps: Epsilon);
        v = nn.functional.normalize(randn([columns], dtype: dtype, generator: generator), dim: 0, eps: Epsilon);
        register_buffer("u", u);
        register_buffer("v", v);
    }

    /// <summary>The matrix's rows.</summary>
    public long Rows { get; }

    /// <summary>The matrix's columns.</summary>
    public long Columns { get; }

    /// <summary>The current estimate σ = uᵀ W v of <paramref name="weight"/>'s largest singular value (no iteration).</summary>
    public double Sigma(Tensor weight, bool rowsOnSecondAxis = false)
    {
        using var _ = no_grad();
        return u.dot(Matrix(weight, rowsOnSecondAxis).mv(v)).to(ScalarType.Float64).item<double>();
    }

    /// <summary>
    /// W / σ(W) for <paramref name="weight"/> (any shape whose first axis has <see cref="Rows"/> entries, or, with
    /// <paramref name="rowsOnSecondAxis"/>, whose second axis has them).
    /// </summary>
    public Tensor Normalise(Tensor weight, bool rowsOnSecondAxis = false)
    {
        var matrix = Matrix(weight, rowsOnSecondAxis);
        if (training)
        {
            using var _ = no_grad();
            var detached = matrix.detach();
            // One power iteration: v ← Wᵀu / ‖Wᵀu‖, u ← W v / ‖W v‖, in place so the buffers keep their identity.
            v.copy_(nn.functional.normalize(detached.t().mv(u), dim: 0, eps: Epsilon));
            u.copy_(nn.functional.normalize(detached.mv(v), dim: 0, eps: Epsilon));
        }
        return weight / u.dot(matrix.mv(v));
    }

    private Tensor Matrix(Tensor weight, bool rowsOnSecondAxis)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var matrix = rowsOnSecondAxis ? weight.transpose(0, 1).reshape(Rows, -1) : weight.reshape(Rows, -1);
        if (matrix.size(1) != Columns)
            throw new ArgumentException($"The weight [{string.Join(", ", weight.shape)}] is not a {Rows} × {Columns} matrix.", nameof(weight));
        return matrix;
    }
}

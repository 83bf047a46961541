using static TorchSharp.torch;

namespace QSan.Torch;

/// <summary>The mean over the token axis, [batch, tokens, d] → [batch, d]: QSANN's pooling as a module for <c>nn.Sequential</c>.</summary>
public sealed class MeanPooling() : nn.Module<Tensor, Tensor>(nameof(MeanPooling))
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 3) throw new ArgumentException($"MeanPooling takes [batch, tokens, d]; got [{string.Join(", ", x.shape)}].", nameof(x));
        return x.mean([1]);
    }
}

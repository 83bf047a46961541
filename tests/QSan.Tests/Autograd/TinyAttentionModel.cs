using QSan.Autograd;

namespace QSan.Tests.Autograd;

/// <summary>
/// A classical stand-in for QSANN used to check the pieces together: embedding → linear (q, k, v) →
/// Gaussian attention with a residual → sentence mean → linear head → sigmoid.
/// </summary>
internal sealed class TinyAttentionModel : Module
{
    public TinyAttentionModel(int vocabulary, int d, Random random)
    {
        Embedding = RegisterModule("embedding", new Embedding(vocabulary, d, random, initStd: 0.5));
        Projection = RegisterModule("projection", new Linear(d, d + 2, random));
        Head = RegisterModule("head", new Linear(d, 1, random));
        Dimension = d;
    }

    public Embedding Embedding { get; }

    public Linear Projection { get; }

    public Linear Head { get; }

    public int Dimension { get; }

    public Tensor Forward(int[] ids, int[] offsets)
    {
        var y = Embedding.Forward(ids);
        var projected = Projection.Forward(y);
        var q = projected.Narrow(1, 0, 1);
        var k = projected.Narrow(1, 1, 1);
        var v = projected.Narrow(1, 2, Dimension);
        var attended = y + Functional.GaussianAttention(q, k, v, offsets);
        return Head.Forward(Functional.SegmentMean(attended, offsets)).Sigmoid().Reshape(-1);
    }

    public Tensor Loss(int[] ids, int[] offsets, Tensor labels, double lambda) =>
        Functional.MseLoss(Forward(ids, offsets), labels) + lambda * Functional.L2Penalty(Head.Weight);
}

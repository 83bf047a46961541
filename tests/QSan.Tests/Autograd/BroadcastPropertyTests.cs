using FsCheck;
using FsCheck.Fluent;
using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class BroadcastPropertyTests
{
    /// <summary>An output shape and, per axis, whether each operand has that axis, has it as 1, or lacks it (leading axes only).</summary>
    private static readonly Gen<(int[] A, int[] B)> ShapePairs =
        from rank in Gen.Choose(0, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 3), rank)
        from modesA in Gen.ArrayOf(Gen.Choose(0, 1), rank)
        from modesB in Gen.ArrayOf(Gen.Choose(0, 1), rank)
        from dropA in Gen.Choose(0, rank)
        from dropB in Gen.Choose(0, rank)
        select (Operand(dims, modesA, dropA), Operand(dims, modesB, dropB));

    private static int[] Operand(int[] dims, int[] modes, int drop) =>
        dims.Select((d, i) => modes[i] == 1 ? 1 : d).Skip(drop).ToArray();

    [Fact]
    public void Broadcast_sums_and_their_gradients_agree_with_an_explicit_index_map()
    {
        Prop.ForAll(ShapePairs.ToArbitrary(), pair =>
        {
            var (shapeA, shapeB) = pair;
            var random = new Random(shapeA.Length * 31 + shapeB.Length);
            var a = Tensor.Normal(shapeA, 0, 1, random, requiresGrad: true);
            var b = Tensor.Normal(shapeB, 0, 1, random, requiresGrad: true);
            var c = a + b;
            var rank = c.Rank;
            var index = new int[rank];
            var cotangent = Tensor.Normal(c.Shape, 0, 1, random);
            (c * cotangent).Sum().Backward();
            var gradA = new double[a.Count];
            var gradB = new double[b.Count];
            for (var flat = 0; flat < c.Count; flat++)
            {
                var rest = flat;
                for (var axis = rank - 1; axis >= 0; axis--)
                {
                    index[axis] = rest % c.Shape[axis];
                    rest /= c.Shape[axis];
                }
                var ia = Offset(shapeA, index);
                var ib = Offset(shapeB, index);
                if (c.Data[flat] != a.Data[ia] + b.Data[ib]) return false;
                gradA[ia] += cotangent.Data[flat];
                gradB[ib] += cotangent.Data[flat];
            }
            return Close(gradA, a.Grad!) && Close(gradB, b.Grad!);
        }).QuickCheckThrowOnFailure();
    }

    private static int Offset(int[] shape, int[] index)
    {
        var offset = 0;
        var shift = index.Length - shape.Length;
        for (var axis = 0; axis < shape.Length; axis++)
            offset = offset * shape[axis] + (shape[axis] == 1 ? 0 : index[axis + shift]);
        return offset;
    }

    private static bool Close(double[] expected, double[] actual) =>
        expected.Length == actual.Length && expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) < 1e-12);
}

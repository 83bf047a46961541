using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>Sums and means over all values or one axis.</summary>
public sealed partial class Tensor
{
    /// <summary>The sum of all values, as a rank-0 tensor.</summary>
    public Tensor Sum()
    {
        var x = this;
        return Record([Kernels.Sum(Data)], [], [x], g =>
        {
            var gx = x.AccumulateGrad();
            Kernels.Add(gx, g[0], gx);
        });
    }

    /// <summary>The mean of all values, as a rank-0 tensor (NaN for an empty tensor).</summary>
    public Tensor Mean()
    {
        var x = this;
        var n = Count;
        return Record([Kernels.Sum(Data) / n], [], [x], g =>
        {
            var gx = x.AccumulateGrad();
            Kernels.Add(gx, g[0] / n, gx);
        });
    }

    /// <summary>Sums over <paramref name="axis"/> (negative counts from the end); keeps it as size 1 when <paramref name="keepDim"/>.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => ReduceAxis(axis, keepDim, mean: false);

    /// <summary>Averages over <paramref name="axis"/> (negative counts from the end); keeps it as size 1 when <paramref name="keepDim"/>.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => ReduceAxis(axis, keepDim, mean: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Tensor ReduceAxis(int axis, bool keepDim, bool mean)
    {
        var x = this;
        var a = ShapeUtil.Axis(axis, Rank, mean ? "Mean" : "Sum");
        // View as [outer, n, inner]; the result is [outer, inner].
        var outer = ShapeUtil.Product(Shape, 0, a);
        var n = Shape[a];
        var inner = ShapeUtil.Product(Shape, a + 1, Rank);
        var scale = mean ? 1.0 / n : 1.0;
        var data = new double[outer * inner];
        for (var o = 0; o < outer; o++)
        {
            var dst = data.AsSpan(o * inner, inner);
            for (var k = 0; k < n; k++)
                Kernels.Add(dst, Data.AsSpan((o * n + k) * inner, inner), dst);
            if (mean) Kernels.Multiply(dst, scale, dst);
        }

        int[] shape;
        if (keepDim)
        {
            shape = (int[])Shape.Clone();
            shape[a] = 1;
        }
        else
        {
            shape = new int[Rank - 1];
            for (int i = 0, j = 0; i < Rank; i++)
                if (i != a) shape[j++] = Shape[i];
        }

        return Record(data, shape, [x], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (double[] g) =>
        {
            var gx = x.AccumulateGrad();
            for (var o = 0; o < outer; o++)
            {
                ReadOnlySpan<double> go = g.AsSpan(o * inner, inner);
                for (var k = 0; k < n; k++)
                {
                    var dst = gx.AsSpan((o * n + k) * inner, inner);
                    Kernels.MultiplyAdd(go, scale, dst, dst);
                }
            }
        });
    }
}

using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>Ops that move values around: reshape, transpose, concatenation, slicing and row selection.</summary>
public sealed partial class Tensor
{
    /// <summary>The same values with a new shape; one dimension may be −1 (inferred). Shares <see cref="Data"/>.</summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var x = this;
        var resolved = (int[])shape.Clone();
        var infer = -1;
        var known = 1;
        for (var i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"Reshape: shape {ShapeUtil.Format(shape)} has more than one -1.");
                infer = i;
            }
            else
            {
                known *= resolved[i];
            }
        }
        if (infer >= 0)
        {
            if (known == 0 || Count % known != 0)
                throw new ArgumentException($"Reshape: cannot infer -1 in {ShapeUtil.Format(shape)} from {Count} values.");
            resolved[infer] = Count / known;
        }
        if (ShapeUtil.Count(resolved) != Count)
            throw new ArgumentException($"Reshape: shape {ShapeUtil.Format(Shape)} ({Count} values) cannot become {ShapeUtil.Format(shape)}.");

        return Record(Data, resolved, [x], g =>
        {
            var gx = x.AccumulateGrad();
            Kernels.Add(gx, g, gx);
        });
    }

    /// <summary>The transpose of a 2-D tensor (a copy).</summary>
    public Tensor Transpose()
    {
        if (Rank != 2) throw new ArgumentException($"Transpose needs a 2-D tensor; got shape {ShapeUtil.Format(Shape)}.");
        var x = this;
        int rows = Shape[0], cols = Shape[1];
        var data = new double[Count];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                data[j * rows + i] = Data[i * cols + j];
        return Record(data, [cols, rows], [x], g =>
        {
            var gx = x.AccumulateGrad();
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < cols; j++)
                    gx[i * cols + j] += g[j * rows + i];
        });
    }

    /// <summary>Joins tensors along <paramref name="axis"/>; all other dimensions must agree.</summary>
    public static Tensor Concat(Tensor[] tensors, int axis)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var first = tensors[0].Shape;
        var a = ShapeUtil.Axis(axis, first.Length, "Concat");
        var total = 0;
        foreach (var t in tensors)
        {
            var ok = t.Rank == first.Length;
            for (var i = 0; ok && i < first.Length; i++) ok = i == a || t.Shape[i] == first[i];
            if (!ok) throw new ArgumentException($"Concat along axis {axis}: shape {ShapeUtil.Format(t.Shape)} does not match {ShapeUtil.Format(first)}.");
            total += t.Shape[a];
        }

        // View each input as [outer, n_i × inner]; the output rows are the inputs' rows side by side.
        var outer = ShapeUtil.Product(first, 0, a);
        var inner = ShapeUtil.Product(first, a + 1, first.Length);
        var shape = (int[])first.Clone();
        shape[a] = total;
        var rowLength = total * inner;
        var data = new double[outer * rowLength];
        var start = 0;
        foreach (var t in tensors)
        {
            var width = t.Shape[a] * inner;
            for (var o = 0; o < outer; o++)
                t.Data.AsSpan(o * width, width).CopyTo(data.AsSpan(o * rowLength + start, width));
            start += width;
        }

        var inputs = (Tensor[])tensors.Clone();
        return Record(data, shape, inputs, g =>
        {
            var begin = 0;
            foreach (var t in inputs)
            {
                var width = t.Shape[a] * inner;
                if (t.RequiresGrad)
                {
                    var gt = t.AccumulateGrad();
                    for (var o = 0; o < outer; o++)
                    {
                        var dst = gt.AsSpan(o * width, width);
                        Kernels.Add(dst, g.AsSpan(o * rowLength + begin, width), dst);
                    }
                }
                begin += width;
            }
        });
    }

    /// <summary>The slice [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) along <paramref name="axis"/> (a copy).</summary>
    public Tensor Narrow(int axis, int start, int length)
    {
        var x = this;
        var a = ShapeUtil.Axis(axis, Rank, "Narrow");
        if (start < 0 || length < 0 || start + length > Shape[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: [{start}, {start + length}) is outside axis {axis} of size {Shape[a]}.");
        var outer = ShapeUtil.Product(Shape, 0, a);
        var inner = ShapeUtil.Product(Shape, a + 1, Rank);
        var rowLength = Shape[a] * inner;
        var width = length * inner;
        var shape = (int[])Shape.Clone();
        shape[a] = length;
        var data = new double[outer * width];
        for (var o = 0; o < outer; o++)
            Data.AsSpan(o * rowLength + start * inner, width).CopyTo(data.AsSpan(o * width, width));
        return Record(data, shape, [x], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (double[] g) =>
        {
            var gx = x.AccumulateGrad();
            for (var o = 0; o < outer; o++)
            {
                var dst = gx.AsSpan(o * rowLength + start * inner, width);
                Kernels.Add(dst, g.AsSpan(o * width, width), dst);
            }
        });
    }

    /// <summary>
    /// Rows <paramref name="indices"/> of this tensor along axis 0 (an embedding lookup when this is a
    /// [vocabulary × d] weight). Indices may repeat; the backward pass scatter-adds into the selected rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Tensor IndexSelect(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (Rank < 1) throw new ArgumentException("IndexSelect needs a tensor with at least one axis.");
        var x = this;
        var rows = Shape[0];
        var width = rows == 0 ? 0 : Count / rows;
        var ids = (int[])indices.Clone();
        var data = new double[ids.Length * width];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((uint)id >= (uint)rows)
                throw new ArgumentOutOfRangeException(nameof(indices), $"IndexSelect: index {id} at position {i} is outside 0..{rows - 1}.");
            Data.AsSpan(id * width, width).CopyTo(data.AsSpan(i * width, width));
        }
        var shape = (int[])Shape.Clone();
        shape[0] = ids.Length;
        return Record(data, shape, [x], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (double[] g) =>
        {
            var gx = x.AccumulateGrad();
            for (var i = 0; i < ids.Length; i++)
            {
                var dst = gx.AsSpan(ids[i] * width, width);
                Kernels.Add(dst, g.AsSpan(i * width, width), dst);
            }
        });
    }
}

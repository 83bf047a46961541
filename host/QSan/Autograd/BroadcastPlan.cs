namespace QSan.Autograd;

/// <summary>
/// How two shapes broadcast (NumPy rules: right-aligned, each dimension equal or 1). The output is walked
/// in rows along its last axis; each operand is either contiguous along that row or a single repeated
/// value, so the row kernels can use vectorised span ops.
/// </summary>
internal sealed class BroadcastPlan
{
    private BroadcastPlan(int[] outShape, int rows, int inner, int[] offsetsA, int[] offsetsB, bool rowA, bool rowB)
    {
        OutShape = outShape;
        Rows = rows;
        Inner = inner;
        OffsetsA = offsetsA;
        OffsetsB = offsetsB;
        RowA = rowA;
        RowB = rowB;
    }

    /// <summary>The broadcast result shape.</summary>
    public int[] OutShape { get; }

    /// <summary>Number of output rows.</summary>
    public int Rows { get; }

    /// <summary>Length of each output row.</summary>
    public int Inner { get; }

    /// <summary>Start of each row in the first operand.</summary>
    public int[] OffsetsA { get; }

    /// <summary>Start of each row in the second operand.</summary>
    public int[] OffsetsB { get; }

    /// <summary>True when the first operand runs along the row; false when one value repeats.</summary>
    public bool RowA { get; }

    /// <summary>True when the second operand runs along the row; false when one value repeats.</summary>
    public bool RowB { get; }

    /// <summary>Plans the broadcast of <paramref name="a"/> with <paramref name="b"/>; throws naming <paramref name="op"/> when they do not broadcast.</summary>
    public static BroadcastPlan Create(int[] a, int[] b, string op)
    {
        var rank = Math.Max(a.Length, b.Length);
        var outShape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = Dim(a, i, rank);
            var db = Dim(b, i, rank);
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {ShapeUtil.Format(a)} and {ShapeUtil.Format(b)} do not broadcast (axis {i}: {da} vs {db}).");
            outShape[i] = da == 1 ? db : da;
        }

        var count = ShapeUtil.Count(outShape);
        var countA = ShapeUtil.Count(a);
        var countB = ShapeUtil.Count(b);
        // Common cases as one long row: equal sizes, or one side a single value.
        if ((countA == count || countA == 1) && (countB == count || countB == 1))
            return new BroadcastPlan(outShape, count == 0 ? 0 : 1, count, [0], [0], countA == count, countB == count);

        var inner = rank == 0 ? 1 : outShape[rank - 1];
        var rows = inner == 0 ? 0 : count / inner;
        var rowA = rank == 0 || Dim(a, rank - 1, rank) == inner;
        var rowB = rank == 0 || Dim(b, rank - 1, rank) == inner;
        var offsetsA = new int[rows];
        var offsetsB = new int[rows];
        var stridesA = Strides(a, rank);
        var stridesB = Strides(b, rank);
        var index = new int[rank];
        int offA = 0, offB = 0;
        for (var r = 0; r < rows; r++)
        {
            offsetsA[r] = offA;
            offsetsB[r] = offB;
            // Odometer over the outer axes (all but the last).
            for (var axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                offA += stridesA[axis];
                offB += stridesB[axis];
                if (index[axis] < outShape[axis]) break;
                offA -= stridesA[axis] * index[axis];
                offB -= stridesB[axis] * index[axis];
                index[axis] = 0;
            }
        }
        return new BroadcastPlan(outShape, rows, inner, offsetsA, offsetsB, rowA, rowB);
    }

    private static int Dim(int[] shape, int axis, int rank)
    {
        var i = axis - (rank - shape.Length);
        return i < 0 ? 1 : shape[i];
    }

    /// <summary>Row-major strides aligned to <paramref name="rank"/> axes, 0 where the operand broadcasts.</summary>
    private static int[] Strides(int[] shape, int rank)
    {
        var strides = new int[rank];
        var stride = 1;
        for (var axis = rank - 1; axis >= 0; axis--)
        {
            var d = Dim(shape, axis, rank);
            strides[axis] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }
}

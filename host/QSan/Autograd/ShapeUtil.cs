namespace QSan.Autograd;

/// <summary>Shape arithmetic shared by the ops.</summary>
internal static class ShapeUtil
{
    /// <summary>Product of the dimensions; rejects negative dimensions and overflow.</summary>
    public static int Count(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.");
            count *= d;
            if (count > Array.MaxLength) throw new ArgumentException($"Shape {Format(shape)} is too large.");
        }
        return (int)count;
    }

    /// <summary>"[2, 3]".</summary>
    public static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Maps a possibly negative axis (-1 = last) to 0..rank-1.</summary>
    public static int Axis(int axis, int rank, string op)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentOutOfRangeException(nameof(axis), $"{op}: axis {axis} is out of range for a rank-{rank} tensor.");
        return a;
    }

    /// <summary>Whether two shapes are identical.</summary>
    public static bool Same(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);

    /// <summary>Product of shape[from..to).</summary>
    public static int Product(int[] shape, int from, int to)
    {
        var p = 1;
        for (var i = from; i < to; i++) p *= shape[i];
        return p;
    }
}

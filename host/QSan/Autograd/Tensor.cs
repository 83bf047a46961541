using System.Globalization;
using System.Text;

namespace QSan.Autograd;

/// <summary>
/// A dense row-major tensor of doubles that records the operations applied to it, so that
/// <see cref="Backward"/> can compute gradients by reverse-mode differentiation.
/// </summary>
/// <remarks>
/// Graph building follows micrograd: every op result keeps its parents and a closure that adds the op's
/// vector-Jacobian product into the parents' <see cref="Grad"/>; <see cref="Backward"/> sorts the graph
/// topologically and runs the closures in reverse. There is one graph node per tensor op, never per scalar.
/// A result joins the graph only when some parent has <see cref="RequiresGrad"/> set and no
/// <see cref="NoGrad"/> scope is active. The partial files next to this one hold the ops.
/// </remarks>
public sealed partial class Tensor
{
    [ThreadStatic] private static int noGradDepth;

    private Tensor[] parents = [];
    private Action<double[]>? backward;

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    /// <param name="data">Row-major values; the tensor takes ownership.</param>
    /// <param name="shape">The shape; its product must equal the data length. An empty shape is a scalar.</param>
    /// <param name="requiresGrad">Whether gradients should be accumulated into this tensor.</param>
    public Tensor(double[] data, int[] shape, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var count = ShapeUtil.Count(shape);
        if (count != data.Length)
            throw new ArgumentException($"Shape {ShapeUtil.Format(shape)} holds {count} values but {data.Length} were given.");
        Data = data;
        Shape = (int[])shape.Clone();
        RequiresGrad = requiresGrad;
    }

    /// <summary>The shape (row-major). Do not modify the returned array.</summary>
    public int[] Shape { get; }

    /// <summary>The values, row-major. Ops never write to their inputs; optimisers update parameters in place.</summary>
    public double[] Data { get; }

    /// <summary>The accumulated gradient of the last <see cref="Backward"/> call(s), same layout as <see cref="Data"/>; null until one arrives.</summary>
    public double[]? Grad { get; set; }

    /// <summary>Whether gradients flow into this tensor. Set on parameters; op results inherit it from their parents.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>True for tensors not produced by a recorded op (parameters, inputs, constants).</summary>
    public bool IsLeaf => backward is null;

    /// <summary>Number of values.</summary>
    public int Count => Data.Length;

    /// <summary>Number of axes (0 for a scalar).</summary>
    public int Rank => Shape.Length;

    /// <summary>An optional name used in messages (modules set it to the parameter's path).</summary>
    public string? Name { get; set; }

    /// <summary>True when ops record graph nodes on this thread (no <see cref="NoGrad"/> scope is open).</summary>
    public static bool IsGradEnabled => noGradDepth == 0;

    /// <summary>The single value of a one-element tensor.</summary>
    public double Item()
    {
        if (Count != 1) throw new InvalidOperationException($"Item() needs a one-element tensor; this one has shape {ShapeUtil.Format(Shape)}.");
        return Data[0];
    }

    /// <summary>
    /// Opens a scope in which ops record no graph (evaluation); dispose it to restore recording.
    /// The scope belongs to the current thread: open and dispose it on the same thread, not across an await.
    /// </summary>
    public static IDisposable NoGrad()
    {
        noGradDepth++;
        return new NoGradScope();
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(int[] shape, bool requiresGrad = false) => new(new double[ShapeUtil.Count(shape)], shape, requiresGrad);

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(int[] shape, bool requiresGrad = false) => Full(shape, 1.0, requiresGrad);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, double value, bool requiresGrad = false)
    {
        var data = new double[ShapeUtil.Count(shape)];
        Array.Fill(data, value);
        return new Tensor(data, shape, requiresGrad);
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, bool requiresGrad = false) => new([value], [], requiresGrad);

    /// <summary>A tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<double> data, int[] shape, bool requiresGrad = false) => new(data.ToArray(), shape, requiresGrad);

    /// <summary>A 1-D tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<double> data, bool requiresGrad = false) => new(data.ToArray(), [data.Length], requiresGrad);

    /// <summary>Independent normal samples N(<paramref name="mean"/>, <paramref name="std"/>²) drawn from <paramref name="random"/> (Box–Muller).</summary>
    public static Tensor Normal(int[] shape, double mean, double std, Random random, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(random);
        var data = new double[ShapeUtil.Count(shape)];
        FillNormal(data, mean, std, random);
        return new Tensor(data, shape, requiresGrad);
    }

    /// <summary>Independent uniform samples from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor Uniform(int[] shape, double low, double high, Random random, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(random);
        var data = new double[ShapeUtil.Count(shape)];
        for (var i = 0; i < data.Length; i++) data[i] = low + (high - low) * random.NextDouble();
        return new Tensor(data, shape, requiresGrad);
    }

    /// <summary>Overwrites <paramref name="destination"/> with N(mean, std²) samples (Box–Muller, both outputs used).</summary>
    internal static void FillNormal(Span<double> destination, double mean, double std, Random random)
    {
        for (var i = 0; i < destination.Length; i += 2)
        {
            // 1 - NextDouble() lies in (0, 1], so the log is finite.
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            destination[i] = mean + std * radius * Math.Cos(angle);
            if (i + 1 < destination.Length) destination[i + 1] = mean + std * radius * Math.Sin(angle);
        }
    }

    /// <summary>
    /// Computes the gradient of this one-element tensor with respect to every tensor of its graph that
    /// requires gradients, adding it into their <see cref="Grad"/> (leaves accumulate across calls;
    /// intermediate results are recomputed from scratch, so calling twice doubles the leaves' gradients).
    /// </summary>
    public void Backward()
    {
        if (Count != 1)
            throw new InvalidOperationException($"Backward() starts from a one-element tensor (a loss); this one has shape {ShapeUtil.Format(Shape)}.");
        if (!RequiresGrad)
            throw new InvalidOperationException("Backward() was called on a tensor that does not require gradients: no parameter with RequiresGrad contributed to it.");

        var order = TopologicalOrder();
        foreach (var node in order)
            if (!node.IsLeaf) node.Grad = null;
        AccumulateGrad()[0] += 1.0;

        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.backward is not null && node.Grad is not null) node.backward(node.Grad);
        }
    }

    /// <summary>Fills <see cref="Grad"/> with zeros (keeping the buffer), if there is one.</summary>
    public void ZeroGrad()
    {
        if (Grad is not null) Array.Clear(Grad);
    }

    /// <summary>A leaf tensor sharing this tensor's data, cut off from the graph.</summary>
    public Tensor Detach() => new(Data, Shape);

    /// <summary>A leaf tensor with a copy of this tensor's data.</summary>
    public Tensor Clone() => new((double[])Data.Clone(), Shape);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor").Append(ShapeUtil.Format(Shape));
        if (Name is not null) sb.Append(" '").Append(Name).Append('\'');
        sb.Append(" [");
        var shown = Math.Min(Count, 8);
        for (var i = 0; i < shown; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Data[i].ToString("G6", CultureInfo.InvariantCulture));
        }
        if (shown < Count) sb.Append(", …");
        return sb.Append(']').ToString();
    }

    /// <summary>The gradient buffer, allocated (zero) on first use.</summary>
    internal double[] AccumulateGrad() => Grad ??= new double[Data.Length];

    /// <summary>
    /// Wraps an op's output; records parents and the backward closure when any parent requires gradients.
    /// The closure receives the output's gradient and adds the vector-Jacobian product into the parents.
    /// </summary>
    internal static Tensor Record(double[] data, int[] shape, Tensor[] inputs, Action<double[]> backwardClosure)
    {
        var result = new Tensor(data, shape);
        if (noGradDepth != 0) return result;
        var any = false;
        foreach (var p in inputs) any |= p.RequiresGrad;
        if (!any) return result;
        result.RequiresGrad = true;
        result.parents = inputs;
        result.backward = backwardClosure;
        return result;
    }

    private List<Tensor> TopologicalOrder()
    {
        // Iterative post-order DFS: parents land before children, and deep graphs cannot overflow the stack.
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { this };
        var stack = new Stack<(Tensor Node, int NextParent)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.parents.Length)
            {
                stack.Push((node, next + 1));
                var parent = node.parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }

    private sealed class NoGradScope : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            noGradDepth--;
        }
    }
}

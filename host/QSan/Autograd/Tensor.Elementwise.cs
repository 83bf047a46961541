using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>Element-wise ops: broadcasting arithmetic and unary functions.</summary>
public sealed partial class Tensor
{
    private enum BinaryOp
    {
        Add,
        Subtract,
        Multiply,
        Divide,
    }

    /// <summary>a + b with broadcasting (NumPy rules).</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(BinaryOp.Add, a, b);

    /// <summary>a − b with broadcasting.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => Binary(BinaryOp.Subtract, a, b);

    /// <summary>a ⊙ b (element-wise) with broadcasting.</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Binary(BinaryOp.Multiply, a, b);

    /// <summary>a / b (element-wise) with broadcasting.</summary>
    public static Tensor Divide(Tensor a, Tensor b) => Binary(BinaryOp.Divide, a, b);

    /// <summary>a + b with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);

    /// <summary>a + constant.</summary>
    public static Tensor operator +(Tensor a, double b) => Add(a, Scalar(b));

    /// <summary>constant + b.</summary>
    public static Tensor operator +(double a, Tensor b) => Add(Scalar(a), b);

    /// <summary>a − b with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);

    /// <summary>a − constant.</summary>
    public static Tensor operator -(Tensor a, double b) => Subtract(a, Scalar(b));

    /// <summary>constant − b.</summary>
    public static Tensor operator -(double a, Tensor b) => Subtract(Scalar(a), b);

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);

    /// <summary>a × constant.</summary>
    public static Tensor operator *(Tensor a, double b) => Multiply(a, Scalar(b));

    /// <summary>constant × b.</summary>
    public static Tensor operator *(double a, Tensor b) => Multiply(Scalar(a), b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Divide(a, b);

    /// <summary>a / constant.</summary>
    public static Tensor operator /(Tensor a, double b) => Divide(a, Scalar(b));

    /// <summary>constant / b.</summary>
    public static Tensor operator /(double a, Tensor b) => Divide(Scalar(a), b);

    /// <summary>−a.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>−x.</summary>
    public Tensor Neg()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Negate(Data, data);
        return Record(data, Shape, [x], g =>
        {
            var gx = x.AccumulateGrad();
            Kernels.Subtract(gx, g, gx);
        });
    }

    /// <summary>eˣ.</summary>
    public Tensor Exp()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Exp(Data, data);
        return Record(data, Shape, [x], g =>
        {
            var gx = x.AccumulateGrad();
            Kernels.MultiplyAdd(g, data, gx, gx);
        });
    }

    /// <summary>Natural logarithm (NaN or −∞ outside (0, ∞), as <see cref="Math.Log(double)"/>).</summary>
    public Tensor Log()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Log(Data, data);
        return Record(data, Shape, [x], g =>
        {
            var local = new double[g.Length];
            Kernels.Divide(g, x.Data, local);
            var gx = x.AccumulateGrad();
            Kernels.Add(gx, local, gx);
        });
    }

    /// <summary>x².</summary>
    public Tensor Square()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Multiply(Data, Data, data);
        return Record(data, Shape, [x], g =>
        {
            var local = new double[g.Length];
            Kernels.Multiply(g, x.Data, local);
            var gx = x.AccumulateGrad();
            Kernels.MultiplyAdd(local, 2.0, gx, gx);
        });
    }

    /// <summary>√x.</summary>
    public Tensor Sqrt()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Sqrt(Data, data);
        return Record(data, Shape, [x], g =>
        {
            var local = new double[g.Length];
            Kernels.Divide(g, data, local);
            var gx = x.AccumulateGrad();
            Kernels.MultiplyAdd(local, 0.5, gx, gx);
        });
    }

    /// <summary>The logistic function 1 / (1 + e⁻ˣ).</summary>
    public Tensor Sigmoid()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Sigmoid(Data, data);
        return Record(data, Shape, [x], g =>
        {
            var gx = x.AccumulateGrad();
            for (var i = 0; i < gx.Length; i++) gx[i] += g[i] * data[i] * (1.0 - data[i]);
        });
    }

    /// <summary>tanh x.</summary>
    public Tensor Tanh()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Tanh(Data, data);
        return Record(data, Shape, [x], g =>
        {
            var gx = x.AccumulateGrad();
            for (var i = 0; i < gx.Length; i++) gx[i] += g[i] * (1.0 - data[i] * data[i]);
        });
    }

    /// <summary>max(x, 0); the gradient at 0 is taken as 0.</summary>
    public Tensor Relu()
    {
        var x = this;
        var data = new double[Count];
        Kernels.Max(Data, 0.0, data);
        return Record(data, Shape, [x], g =>
        {
            var gx = x.AccumulateGrad();
            for (var i = 0; i < gx.Length; i++)
                if (x.Data[i] > 0) gx[i] += g[i];
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Tensor Binary(BinaryOp op, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var plan = BroadcastPlan.Create(a.Shape, b.Shape, op.ToString());
        var inner = plan.Inner;
        var data = new double[ShapeUtil.Count(plan.OutShape)];
        for (var r = 0; r < plan.Rows; r++)
        {
            var dst = data.AsSpan(r * inner, inner);
            var offA = plan.OffsetsA[r];
            var offB = plan.OffsetsB[r];
            if (plan.RowA && plan.RowB)
            {
                ReadOnlySpan<double> x = a.Data.AsSpan(offA, inner), y = b.Data.AsSpan(offB, inner);
                switch (op)
                {
                    case BinaryOp.Add: Kernels.Add(x, y, dst); break;
                    case BinaryOp.Subtract: Kernels.Subtract(x, y, dst); break;
                    case BinaryOp.Multiply: Kernels.Multiply(x, y, dst); break;
                    default: Kernels.Divide(x, y, dst); break;
                }
            }
            else if (plan.RowA)
            {
                ReadOnlySpan<double> x = a.Data.AsSpan(offA, inner);
                var y = b.Data[offB];
                switch (op)
                {
                    case BinaryOp.Add: Kernels.Add(x, y, dst); break;
                    case BinaryOp.Subtract: Kernels.Subtract(x, y, dst); break;
                    case BinaryOp.Multiply: Kernels.Multiply(x, y, dst); break;
                    default: Kernels.Divide(x, y, dst); break;
                }
            }
            else if (plan.RowB)
            {
                var x = a.Data[offA];
                ReadOnlySpan<double> y = b.Data.AsSpan(offB, inner);
                switch (op)
                {
                    case BinaryOp.Add: Kernels.Add(y, x, dst); break;
                    case BinaryOp.Subtract: Kernels.Subtract(x, y, dst); break;
                    case BinaryOp.Multiply: Kernels.Multiply(y, x, dst); break;
                    default: Kernels.Divide(x, y, dst); break;
                }
            }
            else
            {
                dst.Fill(Apply(op, a.Data[offA], b.Data[offB]));
            }
        }

        return Record(data, plan.OutShape, [a, b], g => BinaryBackward(op, plan, a, b, data, g));
    }

    private static double Apply(BinaryOp op, double x, double y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Subtract => x - y,
        BinaryOp.Multiply => x * y,
        _ => x / y,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BinaryBackward(BinaryOp op, BroadcastPlan plan, Tensor a, Tensor b, double[] output, double[] g)
    {
        var inner = plan.Inner;
        var local = new double[inner];
        if (a.RequiresGrad)
        {
            var ga = a.AccumulateGrad();
            for (var r = 0; r < plan.Rows; r++)
            {
                ReadOnlySpan<double> gr = g.AsSpan(r * inner, inner);
                var offB = plan.OffsetsB[r];
                // ∂(a∘b)/∂a: 1 for ±, b for ×, 1/b for ÷.
                switch (op)
                {
                    case BinaryOp.Add or BinaryOp.Subtract: gr.CopyTo(local); break;
                    case BinaryOp.Multiply when plan.RowB: Kernels.Multiply(gr, b.Data.AsSpan(offB, inner), local); break;
                    case BinaryOp.Multiply: Kernels.Multiply(gr, b.Data[offB], local); break;
                    case BinaryOp.Divide when plan.RowB: Kernels.Divide(gr, b.Data.AsSpan(offB, inner), local); break;
                    default: Kernels.Divide(gr, b.Data[offB], local); break;
                }
                AccumulateRow(ga, plan.OffsetsA[r], plan.RowA, local, 1.0);
            }
        }

        if (b.RequiresGrad)
        {
            var gb = b.AccumulateGrad();
            for (var r = 0; r < plan.Rows; r++)
            {
                ReadOnlySpan<double> gr = g.AsSpan(r * inner, inner);
                var offA = plan.OffsetsA[r];
                var offB = plan.OffsetsB[r];
                var sign = 1.0;
                // ∂(a∘b)/∂b: 1 for +, −1 for −, a for ×, −a/b² = −out/b for ÷.
                switch (op)
                {
                    case BinaryOp.Add: gr.CopyTo(local); break;
                    case BinaryOp.Subtract: gr.CopyTo(local); sign = -1.0; break;
                    case BinaryOp.Multiply when plan.RowA: Kernels.Multiply(gr, a.Data.AsSpan(offA, inner), local); break;
                    case BinaryOp.Multiply: Kernels.Multiply(gr, a.Data[offA], local); break;
                    default:
                        Kernels.Multiply(gr, output.AsSpan(r * inner, inner), local);
                        if (plan.RowB) Kernels.Divide(local, b.Data.AsSpan(offB, inner), local);
                        else Kernels.Divide(local, b.Data[offB], local);
                        sign = -1.0;
                        break;
                }
                AccumulateRow(gb, offB, plan.RowB, local, sign);
            }
        }
    }

    /// <summary>Adds sign × <paramref name="local"/> into a row of <paramref name="grad"/>, or its sum into one value when the operand broadcast.</summary>
    private static void AccumulateRow(double[] grad, int offset, bool isRow, ReadOnlySpan<double> local, double sign)
    {
        if (isRow)
        {
            var dst = grad.AsSpan(offset, local.Length);
            Kernels.MultiplyAdd(local, sign, dst, dst);
        }
        else
        {
            grad[offset] += sign * Kernels.Sum(local);
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QSan.Autograd;

/// <summary>
/// The span loops behind the ops (after TensorPrimitives' signatures; exact in-place aliasing is allowed).
/// </summary>
/// <remarks>
/// Every kernel is compiled fully optimised on first call. A whole training run lasts well under a second,
/// and TensorPrimitives (not precompiled in its NuGet package) spends a noticeable part of that in slow
/// tier-0 code; short rows (d ≈ 4…32) also pay more for its dispatch than for the arithmetic.
/// Transcendental functions use the scalar <see cref="Math"/> routines, which are precompiled.
/// </remarks>
internal static class Kernels
{
    private const MethodImplOptions Hot = MethodImplOptions.AggressiveOptimization;
    private const MethodImplOptions HotInline = MethodImplOptions.AggressiveOptimization | MethodImplOptions.AggressiveInlining;

    private interface IBinary
    {
        static abstract double Apply(double x, double y);

        static abstract Vector<double> Apply(Vector<double> x, Vector<double> y);
    }

    /// <summary>Σ x_i y_i over equal-length spans.</summary>
    [MethodImpl(HotInline)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    /// <summary>y += a·x over equal-length spans.</summary>
    [MethodImpl(HotInline)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var av = new Vector<double>(a);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (Vector.LoadUnsafe(ref yr, (nuint)i) + av * Vector.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) += a * Unsafe.Add(ref xr, i);
    }

    /// <summary>Σ x_i.</summary>
    [MethodImpl(Hot)]
    public static double Sum(ReadOnlySpan<double> x)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count) acc += new Vector<double>(x[i..]);
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>Σ x_i².</summary>
    [MethodImpl(Hot)]
    public static double SumOfSquares(ReadOnlySpan<double> x) => Dot(x, x);

    /// <summary>dst = x + y.</summary>
    public static void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dst) => Binary<AddOp>(x, y, dst);

    /// <summary>dst = x + y.</summary>
    public static void Add(ReadOnlySpan<double> x, double y, Span<double> dst) => BinaryRight<AddOp>(x, y, dst);

    /// <summary>dst = x − y.</summary>
    public static void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dst) => Binary<SubtractOp>(x, y, dst);

    /// <summary>dst = x − y.</summary>
    public static void Subtract(ReadOnlySpan<double> x, double y, Span<double> dst) => BinaryRight<SubtractOp>(x, y, dst);

    /// <summary>dst = x − y.</summary>
    public static void Subtract(double x, ReadOnlySpan<double> y, Span<double> dst) => BinaryLeft<SubtractOp>(x, y, dst);

    /// <summary>dst = x ⊙ y.</summary>
    public static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dst) => Binary<MultiplyOp>(x, y, dst);

    /// <summary>dst = x·y.</summary>
    public static void Multiply(ReadOnlySpan<double> x, double y, Span<double> dst) => BinaryRight<MultiplyOp>(x, y, dst);

    /// <summary>dst = x / y.</summary>
    public static void Divide(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dst) => Binary<DivideOp>(x, y, dst);

    /// <summary>dst = x / y.</summary>
    public static void Divide(ReadOnlySpan<double> x, double y, Span<double> dst) => BinaryRight<DivideOp>(x, y, dst);

    /// <summary>dst = x / y.</summary>
    public static void Divide(double x, ReadOnlySpan<double> y, Span<double> dst) => BinaryLeft<DivideOp>(x, y, dst);

    /// <summary>dst = max(x, y).</summary>
    public static void Max(ReadOnlySpan<double> x, double y, Span<double> dst) => BinaryRight<MaxOp>(x, y, dst);

    /// <summary>dst = x ⊙ y + addend.</summary>
    [MethodImpl(Hot)]
    public static void MultiplyAdd(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> addend, Span<double> dst)
    {
        CheckLengths(x.Length, y.Length, dst.Length);
        CheckLengths(x.Length, addend.Length, dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(x[i..]) * new Vector<double>(y[i..]) + new Vector<double>(addend[i..])).CopyTo(dst[i..]);
        for (; i < x.Length; i++) dst[i] = x[i] * y[i] + addend[i];
    }

    /// <summary>dst = x·y + addend.</summary>
    [MethodImpl(Hot)]
    public static void MultiplyAdd(ReadOnlySpan<double> x, double y, ReadOnlySpan<double> addend, Span<double> dst)
    {
        CheckLengths(x.Length, addend.Length, dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var yv = new Vector<double>(y);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(x[i..]) * yv + new Vector<double>(addend[i..])).CopyTo(dst[i..]);
        }
        for (; i < x.Length; i++) dst[i] = x[i] * y + addend[i];
    }

    /// <summary>dst = −x.</summary>
    [MethodImpl(Hot)]
    public static void Negate(ReadOnlySpan<double> x, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        for (var i = 0; i < x.Length; i++) dst[i] = -x[i];
    }

    /// <summary>
    /// dst = eˣ, vectorised (within a few ulp of <see cref="Math.Exp"/>); chunks with a lane outside
    /// [−708, 709] or NaN, and the tail, go through <see cref="Math.Exp"/> so overflow, underflow and NaN behave alike.
    /// </summary>
    [MethodImpl(Hot)]
    public static void Exp(ReadOnlySpan<double> x, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var low = new Vector<double>(-708.0);
            var high = new Vector<double>(709.0);
            for (; i <= x.Length - width; i += width)
            {
                var v = new Vector<double>(x[i..]);
                if (Vector.GreaterThanAll(v, low) && Vector.LessThanAll(v, high))
                {
                    ExpInRange(v).CopyTo(dst[i..]);
                }
                else
                {
                    for (var j = i; j < i + width; j++) dst[j] = Math.Exp(x[j]);
                }
            }
        }
        for (; i < x.Length; i++) dst[i] = Math.Exp(x[i]);
    }

    /// <summary>
    /// eˣ for −708 &lt; x &lt; 709: x = k ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2), eʳ by its
    /// Taylor series to r¹² (truncation below 2·10⁻¹⁶), and 2ᵏ assembled in the exponent bits.
    /// </summary>
    [MethodImpl(HotInline)]
    private static Vector<double> ExpInRange(Vector<double> x)
    {
        var k = Vector.Floor(x * 1.4426950408889634 + new Vector<double>(0.5));
        var r = x - k * 6.93145751953125E-1 - k * 1.42860682030941723212E-6;
        var p = new Vector<double>(1.0 / 479001600.0);
        p = p * r + new Vector<double>(1.0 / 39916800.0);
        p = p * r + new Vector<double>(1.0 / 3628800.0);
        p = p * r + new Vector<double>(1.0 / 362880.0);
        p = p * r + new Vector<double>(1.0 / 40320.0);
        p = p * r + new Vector<double>(1.0 / 5040.0);
        p = p * r + new Vector<double>(1.0 / 720.0);
        p = p * r + new Vector<double>(1.0 / 120.0);
        p = p * r + new Vector<double>(1.0 / 24.0);
        p = p * r + new Vector<double>(1.0 / 6.0);
        p = p * r + new Vector<double>(0.5);
        p = p * r + Vector<double>.One;
        p = p * r + Vector<double>.One;
        var scale = Vector.AsVectorDouble(Vector.ShiftLeft(Vector.ConvertToInt64(k) + new Vector<long>(1023), 52));
        return p * scale;
    }

    /// <summary>dst = ln x.</summary>
    [MethodImpl(Hot)]
    public static void Log(ReadOnlySpan<double> x, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        for (var i = 0; i < x.Length; i++) dst[i] = Math.Log(x[i]);
    }

    /// <summary>dst = √x.</summary>
    [MethodImpl(Hot)]
    public static void Sqrt(ReadOnlySpan<double> x, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        for (var i = 0; i < x.Length; i++) dst[i] = Math.Sqrt(x[i]);
    }

    /// <summary>dst = tanh x.</summary>
    [MethodImpl(Hot)]
    public static void Tanh(ReadOnlySpan<double> x, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        for (var i = 0; i < x.Length; i++) dst[i] = Math.Tanh(x[i]);
    }

    /// <summary>dst = 1 / (1 + e⁻ˣ), evaluated without overflow for large |x|.</summary>
    [MethodImpl(Hot)]
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            if (v >= 0)
            {
                dst[i] = 1.0 / (1.0 + Math.Exp(-v));
            }
            else
            {
                var e = Math.Exp(v);
                dst[i] = e / (1.0 + e);
            }
        }
    }

    /// <summary>dst = min(max(x, low), high).</summary>
    [MethodImpl(Hot)]
    public static void Clamp(ReadOnlySpan<double> x, double low, double high, Span<double> dst)
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        for (var i = 0; i < x.Length; i++) dst[i] = Math.Clamp(x[i], low, high);
    }

    [MethodImpl(Hot)]
    private static void Binary<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dst)
        where TOp : struct, IBinary
    {
        CheckLengths(x.Length, y.Length, dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                TOp.Apply(new Vector<double>(x[i..]), new Vector<double>(y[i..])).CopyTo(dst[i..]);
        for (; i < x.Length; i++) dst[i] = TOp.Apply(x[i], y[i]);
    }

    [MethodImpl(Hot)]
    private static void BinaryRight<TOp>(ReadOnlySpan<double> x, double y, Span<double> dst)
        where TOp : struct, IBinary
    {
        CheckLengths(x.Length, x.Length, dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var yv = new Vector<double>(y);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                TOp.Apply(new Vector<double>(x[i..]), yv).CopyTo(dst[i..]);
        }
        for (; i < x.Length; i++) dst[i] = TOp.Apply(x[i], y);
    }

    [MethodImpl(Hot)]
    private static void BinaryLeft<TOp>(double x, ReadOnlySpan<double> y, Span<double> dst)
        where TOp : struct, IBinary
    {
        CheckLengths(y.Length, y.Length, dst.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = new Vector<double>(x);
            for (; i <= y.Length - Vector<double>.Count; i += Vector<double>.Count)
                TOp.Apply(xv, new Vector<double>(y[i..])).CopyTo(dst[i..]);
        }
        for (; i < y.Length; i++) dst[i] = TOp.Apply(x, y[i]);
    }

    private static void CheckLengths(int x, int y, int dst)
    {
        if (x != y || x != dst) throw new ArgumentException($"Kernel span lengths differ: {x}, {y}, {dst}.");
    }

    private readonly struct AddOp : IBinary
    {
        public static double Apply(double x, double y) => x + y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x + y;
    }

    private readonly struct SubtractOp : IBinary
    {
        public static double Apply(double x, double y) => x - y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x - y;
    }

    private readonly struct MultiplyOp : IBinary
    {
        public static double Apply(double x, double y) => x * y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x * y;
    }

    private readonly struct DivideOp : IBinary
    {
        public static double Apply(double x, double y) => x / y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x / y;
    }

    private readonly struct MaxOp : IBinary
    {
        public static double Apply(double x, double y) => Math.Max(x, y);

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => Vector.Max(x, y);
    }
}

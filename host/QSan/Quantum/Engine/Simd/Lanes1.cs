using System.Runtime.CompilerServices;

namespace QSan.Quantum.Engine.Simd;

/// <summary>
/// A single lane in a plain double: the path for hardware without SIMD, for batches too small to fill a vector
/// (a 20-qubit state should not be padded to 8 circuits), and for the per-call scalar algebra on shared weights.
/// </summary>
internal readonly struct Lanes1 : ILanes<Lanes1>
{
    private readonly double value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes1(double value) => this.value = value;

    /// <summary>The value.</summary>
    public double Value => value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Create(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Load(ref double source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref double destination, Lanes1 value) => destination = value.value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 operator +(Lanes1 left, Lanes1 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 operator -(Lanes1 left, Lanes1 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 operator *(Lanes1 left, Lanes1 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 operator -(Lanes1 value) => new(-value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 MulAdd(Lanes1 a, Lanes1 b, Lanes1 c) => new(Math.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 NegMulAdd(Lanes1 a, Lanes1 b, Lanes1 c) => new(Math.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes1 Sin, Lanes1 Cos) SinCos(Lanes1 x)
    {
        var (sin, cos) = Math.SinCos(x.value);
        return (new(sin), new(cos));
    }
}

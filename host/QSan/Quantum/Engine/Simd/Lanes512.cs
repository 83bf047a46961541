using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QSan.Quantum.Engine.Simd;

/// <summary>8 lanes in one 512-bit (AVX-512) register.</summary>
internal readonly struct Lanes512 : ILanes<Lanes512>
{
    private readonly Vector512<double> value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes512(Vector512<double> value) => this.value = value;

    /// <summary>Whether the hardware runs this width natively (otherwise the runtime would emulate it slowly).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double source) => new(Vector512.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref double destination, Lanes512 value) => value.value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 value) => new(-value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MulAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 NegMulAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes512 Sin, Lanes512 Cos) SinCos(Lanes512 x)
    {
        var v = x.value;
        if (Vector512.GreaterThanAny(Vector512.Abs(v), Vector512.Create(FastSinCos.Limit)))
        {
            var (sin, cos) = Vector512.SinCos(v);
            return (new(sin), new(cos));
        }
        var t = Vector512.FusedMultiplyAdd(v, Vector512.Create(FastSinCos.TwoOverPi), Vector512.Create(FastSinCos.Magic));
        var k = t - Vector512.Create(FastSinCos.Magic);
        var r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(FastSinCos.PiOver2A), v);
        r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(FastSinCos.PiOver2B), r);
        r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(FastSinCos.PiOver2C), r);
        var z = r * r;
        var ps = Vector512.FusedMultiplyAdd(z, Vector512.Create(FastSinCos.S6), Vector512.Create(FastSinCos.S5));
        ps = Vector512.FusedMultiplyAdd(z, ps, Vector512.Create(FastSinCos.S4));
        ps = Vector512.FusedMultiplyAdd(z, ps, Vector512.Create(FastSinCos.S3));
        ps = Vector512.FusedMultiplyAdd(z, ps, Vector512.Create(FastSinCos.S2));
        ps = Vector512.FusedMultiplyAdd(z, ps, Vector512.Create(FastSinCos.S1));
        var s = Vector512.FusedMultiplyAdd(r * z, ps, r);
        var pc = Vector512.FusedMultiplyAdd(z, Vector512.Create(FastSinCos.C6), Vector512.Create(FastSinCos.C5));
        pc = Vector512.FusedMultiplyAdd(z, pc, Vector512.Create(FastSinCos.C4));
        pc = Vector512.FusedMultiplyAdd(z, pc, Vector512.Create(FastSinCos.C3));
        pc = Vector512.FusedMultiplyAdd(z, pc, Vector512.Create(FastSinCos.C2));
        pc = Vector512.FusedMultiplyAdd(z, pc, Vector512.Create(FastSinCos.C1));
        var c = Vector512.FusedMultiplyAdd(z * z, pc, Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5), Vector512.Create(1.0)));

        // Quadrant k mod 4 from the low mantissa bits: odd swaps sin and cos; bit 1 (of k, resp. k + 1) flips signs.
        var q = t.AsInt64();
        var one = Vector512.Create(1L);
        var swap = Vector512.Equals(q & one, one).AsDouble();
        var sinSign = ((q & Vector512.Create(2L)) << 62).AsDouble();
        var cosSign = (((q + one) & Vector512.Create(2L)) << 62).AsDouble();
        return (new(Vector512.ConditionalSelect(swap, c, s) ^ sinSign), new(Vector512.ConditionalSelect(swap, s, c) ^ cosSign));
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QSan.Quantum.Engine.Simd;

/// <summary>4 lanes in one 256-bit (AVX2) register.</summary>
internal readonly struct Lanes256 : ILanes<Lanes256>
{
    private readonly Vector256<double> value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes256(Vector256<double> value) => this.value = value;

    /// <summary>Whether the hardware runs this width natively (otherwise the runtime would emulate it slowly).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    public static int Count => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Create(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref double source) => new(Vector256.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref double destination, Lanes256 value) => value.value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator +(Lanes256 left, Lanes256 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 left, Lanes256 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator *(Lanes256 left, Lanes256 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 value) => new(-value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MulAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 NegMulAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes256 Sin, Lanes256 Cos) SinCos(Lanes256 x)
    {
        var v = x.value;
        if (Vector256.GreaterThanAny(Vector256.Abs(v), Vector256.Create(FastSinCos.Limit)))
        {
            var (sin, cos) = Vector256.SinCos(v);
            return (new(sin), new(cos));
        }
        var t = Vector256.FusedMultiplyAdd(v, Vector256.Create(FastSinCos.TwoOverPi), Vector256.Create(FastSinCos.Magic));
        var k = t - Vector256.Create(FastSinCos.Magic);
        var r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(FastSinCos.PiOver2A), v);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(FastSinCos.PiOver2B), r);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(FastSinCos.PiOver2C), r);
        var z = r * r;
        var ps = Vector256.FusedMultiplyAdd(z, Vector256.Create(FastSinCos.S6), Vector256.Create(FastSinCos.S5));
        ps = Vector256.FusedMultiplyAdd(z, ps, Vector256.Create(FastSinCos.S4));
        ps = Vector256.FusedMultiplyAdd(z, ps, Vector256.Create(FastSinCos.S3));
        ps = Vector256.FusedMultiplyAdd(z, ps, Vector256.Create(FastSinCos.S2));
        ps = Vector256.FusedMultiplyAdd(z, ps, Vector256.Create(FastSinCos.S1));
        var s = Vector256.FusedMultiplyAdd(r * z, ps, r);
        var pc = Vector256.FusedMultiplyAdd(z, Vector256.Create(FastSinCos.C6), Vector256.Create(FastSinCos.C5));
        pc = Vector256.FusedMultiplyAdd(z, pc, Vector256.Create(FastSinCos.C4));
        pc = Vector256.FusedMultiplyAdd(z, pc, Vector256.Create(FastSinCos.C3));
        pc = Vector256.FusedMultiplyAdd(z, pc, Vector256.Create(FastSinCos.C2));
        pc = Vector256.FusedMultiplyAdd(z, pc, Vector256.Create(FastSinCos.C1));
        var c = Vector256.FusedMultiplyAdd(z * z, pc, Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5), Vector256.Create(1.0)));

        // Quadrant k mod 4 from the low mantissa bits: odd swaps sin and cos; bit 1 (of k, resp. k + 1) flips signs.
        var q = t.AsInt64();
        var one = Vector256.Create(1L);
        var swap = Vector256.Equals(q & one, one).AsDouble();
        var sinSign = ((q & Vector256.Create(2L)) << 62).AsDouble();
        var cosSign = (((q + one) & Vector256.Create(2L)) << 62).AsDouble();
        return (new(Vector256.ConditionalSelect(swap, c, s) ^ sinSign), new(Vector256.ConditionalSelect(swap, s, c) ^ cosSign));
    }
}

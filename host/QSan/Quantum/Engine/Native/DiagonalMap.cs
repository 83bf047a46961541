using System.Runtime.CompilerServices;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>A diagonal 2×2 matrix: two complex products per pair.</summary>
/// <typeparam name="T">The lane vector.</typeparam>
internal readonly struct DiagonalMap<T> : IPairMap<DiagonalMap<T>, T> where T : struct, ILanes<T>
{
    private readonly T r0, i0, r1, i1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private DiagonalMap(T r0, T i0, T r1, T i1) => (this.r0, this.i0, this.r1, this.i1) = (r0, i0, r1, i1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DiagonalMap<T> Load(ref double matrix, int lanes) => new(
        T.Load(ref matrix),
        T.Load(ref Unsafe.Add(ref matrix, lanes)),
        T.Load(ref Unsafe.Add(ref matrix, 6 * lanes)),
        T.Load(ref Unsafe.Add(ref matrix, 7 * lanes)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T ar, ref T ai, ref T br, ref T bi)
    {
        var nar = T.NegMulAdd(i0, ai, r0 * ar);
        var nai = T.MulAdd(i0, ar, r0 * ai);
        var nbr = T.NegMulAdd(i1, bi, r1 * br);
        var nbi = T.MulAdd(i1, br, r1 * bi);
        (ar, ai, br, bi) = (nar, nai, nbr, nbi);
    }
}

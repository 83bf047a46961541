using System.Runtime.CompilerServices;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>A real 2×2 matrix: half the multiplications of <see cref="ComplexMap{T}"/>.</summary>
/// <typeparam name="T">The lane vector.</typeparam>
internal readonly struct RealMap<T> : IPairMap<RealMap<T>, T> where T : struct, ILanes<T>
{
    private readonly T m00, m01, m10, m11;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RealMap(T m00, T m01, T m10, T m11) => (this.m00, this.m01, this.m10, this.m11) = (m00, m01, m10, m11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealMap<T> Load(ref double matrix, int lanes) => new(
        T.Load(ref matrix),
        T.Load(ref Unsafe.Add(ref matrix, 2 * lanes)),
        T.Load(ref Unsafe.Add(ref matrix, 4 * lanes)),
        T.Load(ref Unsafe.Add(ref matrix, 6 * lanes)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T ar, ref T ai, ref T br, ref T bi)
    {
        var nar = T.MulAdd(m01, br, m00 * ar);
        var nai = T.MulAdd(m01, bi, m00 * ai);
        var nbr = T.MulAdd(m11, br, m10 * ar);
        var nbi = T.MulAdd(m11, bi, m10 * ai);
        (ar, ai, br, bi) = (nar, nai, nbr, nbi);
    }
}

using System.Runtime.CompilerServices;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>A general complex 2×2 matrix.</summary>
/// <typeparam name="T">The lane vector.</typeparam>
internal readonly struct ComplexMap<T> : IPairMap<ComplexMap<T>, T> where T : struct, ILanes<T>
{
    private readonly T r00, i00, r01, i01, r10, i10, r11, i11;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ComplexMap(in LaneMatrix<T> m)
    {
        (r00, i00, r01, i01) = (m.R00, m.I00, m.R01, m.I01);
        (r10, i10, r11, i11) = (m.R10, m.I10, m.R11, m.I11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexMap<T> Load(ref double matrix, int lanes) => new(LaneMatrix<T>.Load(ref matrix, lanes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref T ar, ref T ai, ref T br, ref T bi)
    {
        var nar = T.NegMulAdd(i01, bi, T.MulAdd(r01, br, T.NegMulAdd(i00, ai, r00 * ar)));
        var nai = T.MulAdd(i01, br, T.MulAdd(r01, bi, T.MulAdd(i00, ar, r00 * ai)));
        var nbr = T.NegMulAdd(i11, bi, T.MulAdd(r11, br, T.NegMulAdd(i10, ai, r10 * ar)));
        var nbi = T.MulAdd(i11, br, T.MulAdd(r11, bi, T.MulAdd(i10, ar, r10 * ai)));
        (ar, ai, br, bi) = (nar, nai, nbr, nbi);
    }
}

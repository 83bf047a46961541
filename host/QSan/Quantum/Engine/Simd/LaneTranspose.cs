using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QSan.Quantum.Engine.Simd;

/// <summary>
/// Moves per-circuit rows (the engine's row-major inputs and outputs) to and from lane layout (one row of
/// <c>lanes</c> values per slot). Full blocks of eight go through AVX-512 8×8 register transposes: done element by
/// element these moves cost as much as a small circuit's gates.
/// </summary>
internal static class LaneTranspose
{
    /// <summary>rows[(firstRow + l) · width + s] → columns[s · lanes + l] for l &lt; valid; padding lanes become 0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ToLanes(ReadOnlySpan<double> rows, int firstRow, int valid, int width, int lanes, Span<double> columns)
    {
        if (width == 0) return;
        var source = rows.Slice(firstRow * width, valid * width);
        columns = columns[..(width * lanes)];
        if (valid < lanes) columns.Clear();
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(columns);
        var s0 = 0;
        if (Avx512F.IsSupported && lanes == 8 && valid == 8)
            for (; s0 + 8 <= width; s0 += 8)
                Transpose8(ref Unsafe.Add(ref src, s0), width, ref Unsafe.Add(ref dst, s0 * 8), 8);
        for (var l = 0; l < valid; l++)
        {
            ref var row = ref Unsafe.Add(ref src, l * width);
            for (var s = s0; s < width; s++) Unsafe.Add(ref dst, s * lanes + l) = Unsafe.Add(ref row, s);
        }
    }

    /// <summary>columns[s · lanes + l] → rows[(firstRow + l) · width + s] for l &lt; valid.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ToRows(ReadOnlySpan<double> columns, int firstRow, int valid, int width, int lanes, Span<double> rows)
    {
        if (width == 0) return;
        var destination = rows.Slice(firstRow * width, valid * width);
        ref var src = ref MemoryMarshal.GetReference(columns[..(width * lanes)]);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var s0 = 0;
        if (Avx512F.IsSupported && lanes == 8 && valid == 8)
            for (; s0 + 8 <= width; s0 += 8)
                Transpose8(ref Unsafe.Add(ref src, s0 * 8), 8, ref Unsafe.Add(ref dst, s0), width);
        for (var l = 0; l < valid; l++)
        {
            ref var row = ref Unsafe.Add(ref dst, l * width);
            for (var s = s0; s < width; s++) Unsafe.Add(ref row, s) = Unsafe.Add(ref src, s * lanes + l);
        }
    }

    /// <summary>Reads 8 vectors of 8 (stride apart), writes their transpose (8 vectors, stride apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(ref double source, int sourceStride, ref double destination, int destinationStride)
    {
        var r0 = Vector512.LoadUnsafe(ref source);
        var r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        var r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        var r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        var r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        var r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        var r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        var r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        // Interleave pairs of rows, then gather 128-bit lanes (0x88: lanes 0 and 2 of each; 0xDD: lanes 1 and 3).
        var t0 = Avx512F.UnpackLow(r0, r1);
        var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3);
        var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5);
        var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7);
        var t7 = Avx512F.UnpackHigh(r6, r7);
        var u0 = Avx512F.Shuffle4x128(t0, t2, 0x88);
        var u1 = Avx512F.Shuffle4x128(t0, t2, 0xDD);
        var u2 = Avx512F.Shuffle4x128(t1, t3, 0x88);
        var u3 = Avx512F.Shuffle4x128(t1, t3, 0xDD);
        var u4 = Avx512F.Shuffle4x128(t4, t6, 0x88);
        var u5 = Avx512F.Shuffle4x128(t4, t6, 0xDD);
        var u6 = Avx512F.Shuffle4x128(t5, t7, 0x88);
        var u7 = Avx512F.Shuffle4x128(t5, t7, 0xDD);
        Avx512F.Shuffle4x128(u0, u4, 0x88).StoreUnsafe(ref destination);
        Avx512F.Shuffle4x128(u2, u6, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, destinationStride));
        Avx512F.Shuffle4x128(u1, u5, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 2 * destinationStride));
        Avx512F.Shuffle4x128(u3, u7, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 3 * destinationStride));
        Avx512F.Shuffle4x128(u0, u4, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 4 * destinationStride));
        Avx512F.Shuffle4x128(u2, u6, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 5 * destinationStride));
        Avx512F.Shuffle4x128(u1, u5, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 6 * destinationStride));
        Avx512F.Shuffle4x128(u3, u7, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 7 * destinationStride));
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QSan.Quantum.Engine.Simd;

/// <summary>
/// Zeroed doubles whose first element sits on a 64-byte boundary, so a lane vector at any multiple of 8 doubles never
/// straddles two cache lines. A <c>double[]</c> starts wherever the allocator put it; with 512-bit vectors most loads and
/// stores on such an array split across lines, which ran the engines' passes at half their speed. The array lives on the
/// pinned object heap, so the alignment found at allocation holds for the buffer's life.
/// </summary>
internal sealed class AlignedBuffer
{
    private const int Alignment = 64;
    private readonly double[] array;
    private readonly int offset;

    public static AlignedBuffer Empty { get; } = new(0);

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        array = GC.AllocateArray<double>(length + Alignment / sizeof(double) - 1, pinned: true);
        offset = (int)((Alignment - Address(array) % Alignment) % Alignment) / sizeof(double);
        Length = length;
    }

    public int Length { get; }

    /// <summary>Element <paramref name="index"/>, unchecked: the engines' kernels index within sizes they ensured.</summary>
    public ref double this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), offset + index);
    }

    public Span<double> AsSpan() => array.AsSpan(offset, Length);

    public Span<double> AsSpan(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start)) throw new ArgumentOutOfRangeException(nameof(length));
        return array.AsSpan(offset + start, length);
    }

    public void Clear() => AsSpan().Clear();

    public static implicit operator Span<double>(AlignedBuffer buffer) => buffer.AsSpan();

    public static implicit operator ReadOnlySpan<double>(AlignedBuffer buffer) => buffer.AsSpan();

    /// <summary>Replaces <paramref name="buffer"/> with a zeroed one when it holds fewer than <paramref name="length"/> doubles.</summary>
    public static void Grow(ref AlignedBuffer buffer, int length)
    {
        if (buffer.Length < length) buffer = new AlignedBuffer(length);
    }

    private static unsafe nint Address(double[] pinned) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}

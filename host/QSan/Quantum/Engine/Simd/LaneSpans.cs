using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QSan.Quantum.Engine.Simd;

/// <summary>Whole-buffer lane arithmetic shared by the lane engines.</summary>
internal static class LaneSpans
{
    /// <summary>destination += source, element-wise (lengths a multiple of the vector width).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Add<T>(Span<double> destination, ReadOnlySpan<double> source)
        where T : struct, ILanes<T>
    {
        ref var d = ref MemoryMarshal.GetReference(destination);
        ref var s = ref MemoryMarshal.GetReference(source);
        for (var i = 0; i < destination.Length; i += T.Count)
            T.Store(ref Unsafe.Add(ref d, i), T.Load(ref Unsafe.Add(ref d, i)) + T.Load(ref Unsafe.Add(ref s, i)));
    }
}

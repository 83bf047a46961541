namespace QSan.Quantum.Engine.Simd;

/// <summary>The SIMD width the native engine runs circuits in (lanes per vector).</summary>
internal enum LaneWidth
{
    /// <summary>Plain doubles.</summary>
    Scalar = 1,
    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256 = 4,
    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 8,
}

/// <summary>What the hardware can run.</summary>
internal static class LaneWidths
{
    /// <summary>The widest width up to <paramref name="max"/> that this processor runs natively.</summary>
    public static LaneWidth WidestSupported(LaneWidth max) => max switch
    {
        LaneWidth.Vector512 when Lanes512.IsSupported => LaneWidth.Vector512,
        LaneWidth.Vector512 or LaneWidth.Vector256 when Lanes256.IsSupported => LaneWidth.Vector256,
        _ => LaneWidth.Scalar,
    };
}

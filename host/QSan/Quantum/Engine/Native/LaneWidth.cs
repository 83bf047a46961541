namespace QSan.Quantum.Engine.Native;

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

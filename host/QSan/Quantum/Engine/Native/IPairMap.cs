using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// A fused single-qubit matrix held in registers for one lane vector: the state kernels are generic over it so
/// the real and diagonal forms skip the multiplications by known zeros.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="T">The lane vector.</typeparam>
internal interface IPairMap<TSelf, T>
    where TSelf : struct, IPairMap<TSelf, T>
    where T : struct, ILanes<T>
{
    /// <summary>Reads the matrix of lane vector at <paramref name="matrix"/> (lane layout, see <see cref="LaneMatrix{T}"/>).</summary>
    static abstract TSelf Load(ref double matrix, int lanes);

    /// <summary>(a, b) ← M (a, b).</summary>
    void Apply(ref T ar, ref T ai, ref T br, ref T bi);
}

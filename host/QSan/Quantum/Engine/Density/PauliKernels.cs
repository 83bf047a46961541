using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Density;

/// <summary>
/// Passes over a block's Pauli-basis states: coefficient i of lane l at [i · lanes + l], so every operation is a SIMD
/// operation across circuits. All arithmetic is real. NoInlining and AggressiveOptimization keep each kernel a single
/// fully optimised body (tiering would otherwise run the first blocks through unoptimised code).
/// </summary>
internal static class PauliKernels
{
    /// <summary>
    /// A trace-preserving single-qubit map on qubit <paramref name="qubit"/>: per group of 4 coefficients (I, X, Y, Z on the qubit),
    /// r'_a = Σ_b M[a,b] r_b for a = 1..3 (row 0 of such a map is e₀); for a unital map r_I does not enter either.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Transfer<T>(Span<double> state, int length, int qubit, int lanes, ReadOnlySpan<double> matrix, bool unital)
        where T : struct, ILanes<T>
    {
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var m = ref MemoryMarshal.GetReference(matrix);
        var stride = (1 << (2 * qubit)) * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            T m11 = Entry<T>(ref m, lanes, c, 5), m12 = Entry<T>(ref m, lanes, c, 6), m13 = Entry<T>(ref m, lanes, c, 7);
            T m21 = Entry<T>(ref m, lanes, c, 9), m22 = Entry<T>(ref m, lanes, c, 10), m23 = Entry<T>(ref m, lanes, c, 11);
            T m31 = Entry<T>(ref m, lanes, c, 13), m32 = Entry<T>(ref m, lanes, c, 14), m33 = Entry<T>(ref m, lanes, c, 15);
            if (unital)
            {
                for (var hi = 0; hi < length * lanes; hi += 4 * stride)
                    for (var i = hi + c; i < hi + stride; i += lanes)
                    {
                        ref var p = ref Unsafe.Add(ref s, i);
                        var r1 = T.Load(ref Unsafe.Add(ref p, stride));
                        var r2 = T.Load(ref Unsafe.Add(ref p, 2 * stride));
                        var r3 = T.Load(ref Unsafe.Add(ref p, 3 * stride));
                        T.Store(ref Unsafe.Add(ref p, stride), T.MulAdd(m13, r3, T.MulAdd(m12, r2, m11 * r1)));
                        T.Store(ref Unsafe.Add(ref p, 2 * stride), T.MulAdd(m23, r3, T.MulAdd(m22, r2, m21 * r1)));
                        T.Store(ref Unsafe.Add(ref p, 3 * stride), T.MulAdd(m33, r3, T.MulAdd(m32, r2, m31 * r1)));
                    }
                continue;
            }
            T m10 = Entry<T>(ref m, lanes, c, 4), m20 = Entry<T>(ref m, lanes, c, 8), m30 = Entry<T>(ref m, lanes, c, 12);
            for (var hi = 0; hi < length * lanes; hi += 4 * stride)
                for (var i = hi + c; i < hi + stride; i += lanes)
                {
                    ref var p = ref Unsafe.Add(ref s, i);
                    var (r0, r1, r2, r3) = Group<T>(ref p, stride);
                    T.Store(ref Unsafe.Add(ref p, stride), T.MulAdd(m13, r3, T.MulAdd(m12, r2, T.MulAdd(m11, r1, m10 * r0))));
                    T.Store(ref Unsafe.Add(ref p, 2 * stride), T.MulAdd(m23, r3, T.MulAdd(m22, r2, T.MulAdd(m21, r1, m20 * r0))));
                    T.Store(ref Unsafe.Add(ref p, 3 * stride), T.MulAdd(m33, r3, T.MulAdd(m32, r2, T.MulAdd(m31, r1, m30 * r0))));
                }
        }
    }

    /// <summary>The 4 coefficients of one group (I, X, Y, Z on the qubit), <paramref name="stride"/> doubles apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) Group<T>(ref double first, int stride) where T : struct, ILanes<T> =>
        (T.Load(ref first), T.Load(ref Unsafe.Add(ref first, stride)), T.Load(ref Unsafe.Add(ref first, 2 * stride)), T.Load(ref Unsafe.Add(ref first, 3 * stride)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Entry<T>(ref double matrix, int lanes, int c, int k) where T : struct, ILanes<T> => T.Load(ref Unsafe.Add(ref matrix, k * lanes + c));

    /// <summary>The Heisenberg-picture step of <see cref="Transfer{T}"/>: σ → Mᵀ σ on every group (row 0 of M being e₀).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void TransferAdjoint<T>(Span<double> sigma, int length, int qubit, int lanes, ReadOnlySpan<double> matrix)
        where T : struct, ILanes<T>
    {
        ref var s = ref MemoryMarshal.GetReference(sigma);
        ref var m = ref MemoryMarshal.GetReference(matrix);
        var stride = (1 << (2 * qubit)) * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            T m10 = Entry<T>(ref m, lanes, c, 4), m11 = Entry<T>(ref m, lanes, c, 5), m12 = Entry<T>(ref m, lanes, c, 6), m13 = Entry<T>(ref m, lanes, c, 7);
            T m20 = Entry<T>(ref m, lanes, c, 8), m21 = Entry<T>(ref m, lanes, c, 9), m22 = Entry<T>(ref m, lanes, c, 10), m23 = Entry<T>(ref m, lanes, c, 11);
            T m30 = Entry<T>(ref m, lanes, c, 12), m31 = Entry<T>(ref m, lanes, c, 13), m32 = Entry<T>(ref m, lanes, c, 14), m33 = Entry<T>(ref m, lanes, c, 15);
            for (var hi = 0; hi < length * lanes; hi += 4 * stride)
                for (var i = hi + c; i < hi + stride; i += lanes)
                {
                    ref var p = ref Unsafe.Add(ref s, i);
                    var (s0, s1, s2, s3) = Group<T>(ref p, stride);
                    T.Store(ref p, T.MulAdd(m30, s3, T.MulAdd(m20, s2, T.MulAdd(m10, s1, s0))));
                    T.Store(ref Unsafe.Add(ref p, stride), T.MulAdd(m31, s3, T.MulAdd(m21, s2, m11 * s1)));
                    T.Store(ref Unsafe.Add(ref p, 2 * stride), T.MulAdd(m32, s3, T.MulAdd(m22, s2, m12 * s1)));
                    T.Store(ref Unsafe.Add(ref p, 3 * stride), T.MulAdd(m33, s3, T.MulAdd(m23, s2, m13 * s1)));
                }
        }
    }

    /// <summary>X[a,b] = Σ_groups σ_a r_b on qubit <paramref name="qubit"/>: what every angle inside a fused map needs for its gradient.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Correlate<T>(ReadOnlySpan<double> sigma, ReadOnlySpan<double> state, int length, int qubit, int lanes, Span<double> x)
        where T : struct, ILanes<T>
    {
        ref var sg = ref MemoryMarshal.GetReference(sigma);
        ref var st = ref MemoryMarshal.GetReference(state);
        ref var xr = ref MemoryMarshal.GetReference(x);
        var stride = (1 << (2 * qubit)) * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            T x00 = default, x01 = default, x02 = default, x03 = default, x10 = default, x11 = default, x12 = default, x13 = default, x20 = default, x21 = default, x22 = default, x23 = default, x30 = default, x31 = default, x32 = default, x33 = default;
            for (var hi = 0; hi < length * lanes; hi += 4 * stride)
                for (var i = hi + c; i < hi + stride; i += lanes)
                {
                    ref var ps = ref Unsafe.Add(ref sg, i);
                    ref var pr = ref Unsafe.Add(ref st, i);
                    T s0 = T.Load(ref ps), s1 = T.Load(ref Unsafe.Add(ref ps, stride)), s2 = T.Load(ref Unsafe.Add(ref ps, 2 * stride)), s3 = T.Load(ref Unsafe.Add(ref ps, 3 * stride));
                    T r0 = T.Load(ref pr), r1 = T.Load(ref Unsafe.Add(ref pr, stride)), r2 = T.Load(ref Unsafe.Add(ref pr, 2 * stride)), r3 = T.Load(ref Unsafe.Add(ref pr, 3 * stride));
                    x00 = T.MulAdd(s0, r0, x00);
                    x01 = T.MulAdd(s0, r1, x01);
                    x02 = T.MulAdd(s0, r2, x02);
                    x03 = T.MulAdd(s0, r3, x03);
                    x10 = T.MulAdd(s1, r0, x10);
                    x11 = T.MulAdd(s1, r1, x11);
                    x12 = T.MulAdd(s1, r2, x12);
                    x13 = T.MulAdd(s1, r3, x13);
                    x20 = T.MulAdd(s2, r0, x20);
                    x21 = T.MulAdd(s2, r1, x21);
                    x22 = T.MulAdd(s2, r2, x22);
                    x23 = T.MulAdd(s2, r3, x23);
                    x30 = T.MulAdd(s3, r0, x30);
                    x31 = T.MulAdd(s3, r1, x31);
                    x32 = T.MulAdd(s3, r2, x32);
                    x33 = T.MulAdd(s3, r3, x33);
                }
            T.Store(ref Unsafe.Add(ref xr, 0 * lanes + c), x00);
            T.Store(ref Unsafe.Add(ref xr, 1 * lanes + c), x01);
            T.Store(ref Unsafe.Add(ref xr, 2 * lanes + c), x02);
            T.Store(ref Unsafe.Add(ref xr, 3 * lanes + c), x03);
            T.Store(ref Unsafe.Add(ref xr, 4 * lanes + c), x10);
            T.Store(ref Unsafe.Add(ref xr, 5 * lanes + c), x11);
            T.Store(ref Unsafe.Add(ref xr, 6 * lanes + c), x12);
            T.Store(ref Unsafe.Add(ref xr, 7 * lanes + c), x13);
            T.Store(ref Unsafe.Add(ref xr, 8 * lanes + c), x20);
            T.Store(ref Unsafe.Add(ref xr, 9 * lanes + c), x21);
            T.Store(ref Unsafe.Add(ref xr, 10 * lanes + c), x22);
            T.Store(ref Unsafe.Add(ref xr, 11 * lanes + c), x23);
            T.Store(ref Unsafe.Add(ref xr, 12 * lanes + c), x30);
            T.Store(ref Unsafe.Add(ref xr, 13 * lanes + c), x31);
            T.Store(ref Unsafe.Add(ref xr, 14 * lanes + c), x32);
            T.Store(ref Unsafe.Add(ref xr, 15 * lanes + c), x33);
        }
    }

    /// <summary>destination[i] = scale[i] · source[index[i]] per lane: a run of Clifford gates and Pauli channels, or its adjoint.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Gather<T>(ReadOnlySpan<double> source, Span<double> destination, int[] index, double[] scale, int lanes)
        where T : struct, ILanes<T>
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        ref var idx = ref MemoryMarshal.GetArrayDataReference(index);
        ref var scl = ref MemoryMarshal.GetArrayDataReference(scale);
        if (lanes == T.Count)
        {
            // One vector per coefficient (the common case): no inner loop.
            for (var i = 0; i < index.Length; i++)
                T.Store(ref Unsafe.Add(ref dst, i * lanes), T.Create(Unsafe.Add(ref scl, i)) * T.Load(ref Unsafe.Add(ref src, Unsafe.Add(ref idx, i) * lanes)));
            return;
        }
        for (var i = 0; i < index.Length; i++)
        {
            var f = T.Create(Unsafe.Add(ref scl, i));
            ref var from = ref Unsafe.Add(ref src, Unsafe.Add(ref idx, i) * lanes);
            ref var to = ref Unsafe.Add(ref dst, i * lanes);
            for (var c = 0; c < lanes; c += T.Count) T.Store(ref Unsafe.Add(ref to, c), f * T.Load(ref Unsafe.Add(ref from, c)));
        }
    }

    /// <summary>The tensor product r[P] = Π_q v_q[P_q] of the per-qubit vectors (vectors[(4q + b) · lanes + l]).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Product<T>(Span<double> state, int qubits, int lanes, ReadOnlySpan<double> vectors)
        where T : struct, ILanes<T>
    {
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var v = ref MemoryMarshal.GetReference(vectors);
        vectors[..(4 * lanes)].CopyTo(state);
        for (var q = 1; q < qubits; q++)
        {
            var size = (1 << (2 * q)) * lanes;
            // Highest block first, so block 0 is scaled in place last.
            for (var b = 3; b >= 0; b--)
                for (var c = 0; c < lanes; c += T.Count)
                {
                    var f = T.Load(ref Unsafe.Add(ref v, (4 * q + b) * lanes + c));
                    for (var i = c; i < size; i += lanes)
                        T.Store(ref Unsafe.Add(ref s, b * size + i), f * T.Load(ref Unsafe.Add(ref s, i)));
                }
        }
    }

    /// <summary>
    /// u[b] = Σ_{P: P_q = b} σ_P Π_{k≠q} v_k[P_k]: the cotangent of qubit <paramref name="qubit"/>'s vector in a product state, by contracting
    /// the other qubits one at a time (highest first) through <paramref name="buffers"/> (two of 4ⁿ⁻¹ · lanes).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Contract<T>(ReadOnlySpan<double> sigma, int qubits, int qubit, int lanes, ReadOnlySpan<double> vectors,
        Span<double> buffers, Span<double> result)
        where T : struct, ILanes<T>
    {
        ref var v = ref MemoryMarshal.GetReference(vectors);
        var half = buffers.Length / 2;
        var current = sigma;
        var size = 1 << (2 * qubits);
        var toggle = 0;
        for (var k = qubits - 1; k >= 0; k--)
        {
            if (k == qubit) continue;
            var target = buffers.Slice(toggle * half, half);
            toggle ^= 1;
            ref var src = ref MemoryMarshal.GetReference(current);
            ref var dst = ref MemoryMarshal.GetReference(target);
            var stride = 1 << (2 * k);
            var highs = size / (4 * stride);
            for (var c = 0; c < lanes; c += T.Count)
            {
                T v0 = T.Load(ref Unsafe.Add(ref v, 4 * k * lanes + c)), v1 = T.Load(ref Unsafe.Add(ref v, (4 * k + 1) * lanes + c));
                T v2 = T.Load(ref Unsafe.Add(ref v, (4 * k + 2) * lanes + c)), v3 = T.Load(ref Unsafe.Add(ref v, (4 * k + 3) * lanes + c));
                for (var hi = 0; hi < highs; hi++)
                    for (var lo = 0; lo < stride; lo++)
                    {
                        ref var p = ref Unsafe.Add(ref src, (hi * 4 * stride + lo) * lanes + c);
                        var sum = T.MulAdd(v3, T.Load(ref Unsafe.Add(ref p, 3 * stride * lanes)),
                            T.MulAdd(v2, T.Load(ref Unsafe.Add(ref p, 2 * stride * lanes)),
                            T.MulAdd(v1, T.Load(ref Unsafe.Add(ref p, stride * lanes)), v0 * T.Load(ref p))));
                        T.Store(ref Unsafe.Add(ref dst, (hi * stride + lo) * lanes + c), sum);
                    }
            }
            current = target;
            size /= 4;
        }
        current[..(4 * lanes)].CopyTo(result);
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Passes over a block's state. A block of L circuits stores amplitude k as L real parts at <c>2kL</c> followed by
/// L imaginary parts at <c>2kL + L</c>, so every arithmetic operation below runs across circuits with different
/// angles; the outer loop walks lane vectors, the inner loop the amplitude pairs (matrices stay in registers).
/// Callers guarantee that the indices are below the state's dimension.
/// </summary>
internal static class StateKernels
{
    // NoInlining: inlining a loop this size gains nothing and would eat the caller's inlining budget, which the JIT
    // needs for the small SIMD wrappers. AggressiveOptimization: unoptimised tier-0 code of these generic SIMD loops
    // is about 100 times slower, so the first calls of a run should not wait for tiering.
    /// <summary>Applies a fused single-qubit matrix (lane layout) to every pair.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T, TMap>(Span<double> state, ReadOnlySpan<int> pairs, int lanes, ReadOnlySpan<double> matrix)
        where T : struct, ILanes<T>
        where TMap : struct, IPairMap<TMap, T>
    {
        Debug.Assert(matrix.Length >= LaneMatrix<T>.Components * lanes);
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var p = ref MemoryMarshal.GetReference(pairs);
        var stride = 2 * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            var map = TMap.Load(ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), c), lanes);
            for (var k = 0; k < pairs.Length; k += 2)
            {
                ref var a = ref Unsafe.Add(ref s, Unsafe.Add(ref p, k) * stride + c);
                ref var b = ref Unsafe.Add(ref s, Unsafe.Add(ref p, k + 1) * stride + c);
                var ar = T.Load(ref a);
                var ai = T.Load(ref Unsafe.Add(ref a, lanes));
                var br = T.Load(ref b);
                var bi = T.Load(ref Unsafe.Add(ref b, lanes));
                map.Apply(ref ar, ref ai, ref br, ref bi);
                T.Store(ref a, ar);
                T.Store(ref Unsafe.Add(ref a, lanes), ai);
                T.Store(ref b, br);
                T.Store(ref Unsafe.Add(ref b, lanes), bi);
            }
        }
    }

    /// <summary>
    /// One adjoint step for a fused block: adds W = Σ ψ_out[a] conj(λ_out[b]) (the qubit's reduced cross matrix,
    /// lane layout) into <paramref name="cross"/>, then un-applies the block from ψ and λ with its adjoint matrix.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T, TMap>(Span<double> psi, Span<double> lambda, ReadOnlySpan<int> pairs, int lanes,
        ReadOnlySpan<double> adjoint, Span<double> cross)
        where T : struct, ILanes<T>
        where TMap : struct, IPairMap<TMap, T>
    {
        Debug.Assert(psi.Length == lambda.Length && cross.Length >= LaneMatrix<T>.Components * lanes);
        ref var s = ref MemoryMarshal.GetReference(psi);
        ref var l = ref MemoryMarshal.GetReference(lambda);
        ref var p = ref MemoryMarshal.GetReference(pairs);
        ref var w = ref MemoryMarshal.GetReference(cross);
        var stride = 2 * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            var map = TMap.Load(ref Unsafe.Add(ref MemoryMarshal.GetReference(adjoint), c), lanes);
            var acc = LaneMatrix<T>.Load(ref Unsafe.Add(ref w, c), lanes);
            for (var k = 0; k < pairs.Length; k += 2)
            {
                var ia = Unsafe.Add(ref p, k) * stride + c;
                var ib = Unsafe.Add(ref p, k + 1) * stride + c;
                ref var a = ref Unsafe.Add(ref s, ia);
                ref var b = ref Unsafe.Add(ref s, ib);
                ref var la = ref Unsafe.Add(ref l, ia);
                ref var lb = ref Unsafe.Add(ref l, ib);
                var ar = T.Load(ref a);
                var ai = T.Load(ref Unsafe.Add(ref a, lanes));
                var br = T.Load(ref b);
                var bi = T.Load(ref Unsafe.Add(ref b, lanes));
                var lar = T.Load(ref la);
                var lai = T.Load(ref Unsafe.Add(ref la, lanes));
                var lbr = T.Load(ref lb);
                var lbi = T.Load(ref Unsafe.Add(ref lb, lanes));
                acc.R00 = T.MulAdd(ai, lai, T.MulAdd(ar, lar, acc.R00));
                acc.I00 = T.NegMulAdd(ar, lai, T.MulAdd(ai, lar, acc.I00));
                acc.R01 = T.MulAdd(ai, lbi, T.MulAdd(ar, lbr, acc.R01));
                acc.I01 = T.NegMulAdd(ar, lbi, T.MulAdd(ai, lbr, acc.I01));
                acc.R10 = T.MulAdd(bi, lai, T.MulAdd(br, lar, acc.R10));
                acc.I10 = T.NegMulAdd(br, lai, T.MulAdd(bi, lar, acc.I10));
                acc.R11 = T.MulAdd(bi, lbi, T.MulAdd(br, lbr, acc.R11));
                acc.I11 = T.NegMulAdd(br, lbi, T.MulAdd(bi, lbr, acc.I11));
                map.Apply(ref ar, ref ai, ref br, ref bi);
                map.Apply(ref lar, ref lai, ref lbr, ref lbi);
                T.Store(ref a, ar);
                T.Store(ref Unsafe.Add(ref a, lanes), ai);
                T.Store(ref b, br);
                T.Store(ref Unsafe.Add(ref b, lanes), bi);
                T.Store(ref la, lar);
                T.Store(ref Unsafe.Add(ref la, lanes), lai);
                T.Store(ref lb, lbr);
                T.Store(ref Unsafe.Add(ref lb, lanes), lbi);
            }
            acc.Store(ref Unsafe.Add(ref w, c), lanes);
        }
    }

    /// <summary>Negates the listed amplitudes (CZ).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Negate<T>(Span<double> state, ReadOnlySpan<int> indices, int lanes) where T : struct, ILanes<T>
    {
        ref var s = ref MemoryMarshal.GetReference(state);
        var stride = 2 * lanes;
        foreach (var index in indices)
        {
            ref var a = ref Unsafe.Add(ref s, index * stride);
            for (var c = 0; c < stride; c += T.Count)
                T.Store(ref Unsafe.Add(ref a, c), -T.Load(ref Unsafe.Add(ref a, c)));
        }
    }

    /// <summary>Adds the qubit's reduced density matrix (ρ00, ρ11, Re ρ01, Im ρ01; lane layout) into <paramref name="rho"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ReducedDensity<T>(ReadOnlySpan<double> state, ReadOnlySpan<int> pairs, int lanes, Span<double> rho)
        where T : struct, ILanes<T>
    {
        Debug.Assert(rho.Length >= 4 * lanes);
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var p = ref MemoryMarshal.GetReference(pairs);
        ref var r = ref MemoryMarshal.GetReference(rho);
        var stride = 2 * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            var p00 = T.Load(ref Unsafe.Add(ref r, c));
            var p11 = T.Load(ref Unsafe.Add(ref r, lanes + c));
            var p01r = T.Load(ref Unsafe.Add(ref r, 2 * lanes + c));
            var p01i = T.Load(ref Unsafe.Add(ref r, 3 * lanes + c));
            for (var k = 0; k < pairs.Length; k += 2)
            {
                ref var a = ref Unsafe.Add(ref s, Unsafe.Add(ref p, k) * stride + c);
                ref var b = ref Unsafe.Add(ref s, Unsafe.Add(ref p, k + 1) * stride + c);
                var ar = T.Load(ref a);
                var ai = T.Load(ref Unsafe.Add(ref a, lanes));
                var br = T.Load(ref b);
                var bi = T.Load(ref Unsafe.Add(ref b, lanes));
                p00 = T.MulAdd(ai, ai, T.MulAdd(ar, ar, p00));
                p11 = T.MulAdd(bi, bi, T.MulAdd(br, br, p11));
                p01r = T.MulAdd(ai, bi, T.MulAdd(ar, br, p01r));
                p01i = T.NegMulAdd(ar, bi, T.MulAdd(ai, br, p01i));
            }
            T.Store(ref Unsafe.Add(ref r, c), p00);
            T.Store(ref Unsafe.Add(ref r, lanes + c), p11);
            T.Store(ref Unsafe.Add(ref r, 2 * lanes + c), p01r);
            T.Store(ref Unsafe.Add(ref r, 3 * lanes + c), p01i);
        }
    }

    /// <summary>λ += H ψ on one qubit, H Hermitian given as (h00, h11, Re h01, Im h01) in lane layout.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void AddHermitian<T>(ReadOnlySpan<double> psi, Span<double> lambda, ReadOnlySpan<int> pairs, int lanes,
        ReadOnlySpan<double> hermitian)
        where T : struct, ILanes<T>
    {
        ref var s = ref MemoryMarshal.GetReference(psi);
        ref var l = ref MemoryMarshal.GetReference(lambda);
        ref var p = ref MemoryMarshal.GetReference(pairs);
        ref var h = ref MemoryMarshal.GetReference(hermitian);
        var stride = 2 * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            var h00 = T.Load(ref Unsafe.Add(ref h, c));
            var h11 = T.Load(ref Unsafe.Add(ref h, lanes + c));
            var hr = T.Load(ref Unsafe.Add(ref h, 2 * lanes + c));
            var hi = T.Load(ref Unsafe.Add(ref h, 3 * lanes + c));
            for (var k = 0; k < pairs.Length; k += 2)
            {
                var ia = Unsafe.Add(ref p, k) * stride + c;
                var ib = Unsafe.Add(ref p, k + 1) * stride + c;
                ref var a = ref Unsafe.Add(ref s, ia);
                ref var b = ref Unsafe.Add(ref s, ib);
                ref var la = ref Unsafe.Add(ref l, ia);
                ref var lb = ref Unsafe.Add(ref l, ib);
                var ar = T.Load(ref a);
                var ai = T.Load(ref Unsafe.Add(ref a, lanes));
                var br = T.Load(ref b);
                var bi = T.Load(ref Unsafe.Add(ref b, lanes));
                T.Store(ref la, T.NegMulAdd(hi, bi, T.MulAdd(hr, br, T.MulAdd(h00, ar, T.Load(ref la)))));
                T.Store(ref Unsafe.Add(ref la, lanes), T.MulAdd(hi, br, T.MulAdd(hr, bi, T.MulAdd(h00, ai, T.Load(ref Unsafe.Add(ref la, lanes))))));
                T.Store(ref lb, T.MulAdd(hi, ai, T.MulAdd(hr, ar, T.MulAdd(h11, br, T.Load(ref lb)))));
                T.Store(ref Unsafe.Add(ref lb, lanes), T.NegMulAdd(hi, ar, T.MulAdd(hr, ai, T.MulAdd(h11, bi, T.Load(ref Unsafe.Add(ref lb, lanes))))));
            }
        }
    }

    /// <summary>
    /// Writes the tensor product of the qubits' vectors (lane layout: v0r v0i v1r v1i per qubit) into the first
    /// <c>2^qubits</c> amplitudes, qubit q being bit q of the index.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ProductState<T>(Span<double> state, int qubits, int lanes, ReadOnlySpan<double> vectors)
        where T : struct, ILanes<T>
    {
        ref var s = ref MemoryMarshal.GetReference(state);
        ref var v = ref MemoryMarshal.GetReference(vectors);
        var stride = 2 * lanes;
        for (var c = 0; c < lanes; c += T.Count)
        {
            T.Store(ref Unsafe.Add(ref s, c), T.Create(1));
            T.Store(ref Unsafe.Add(ref s, lanes + c), default);
            for (var q = 0; q < qubits; q++)
            {
                ref var vq = ref Unsafe.Add(ref v, 4 * q * lanes + c);
                var v0r = T.Load(ref vq);
                var v0i = T.Load(ref Unsafe.Add(ref vq, lanes));
                var v1r = T.Load(ref Unsafe.Add(ref vq, 2 * lanes));
                var v1i = T.Load(ref Unsafe.Add(ref vq, 3 * lanes));
                var half = 1 << q;
                for (var i = 0; i < half; i++)
                {
                    ref var a = ref Unsafe.Add(ref s, i * stride + c);
                    ref var b = ref Unsafe.Add(ref s, (i + half) * stride + c);
                    var ar = T.Load(ref a);
                    var ai = T.Load(ref Unsafe.Add(ref a, lanes));
                    T.Store(ref b, T.NegMulAdd(v1i, ai, v1r * ar));
                    T.Store(ref Unsafe.Add(ref b, lanes), T.MulAdd(v1i, ar, v1r * ai));
                    T.Store(ref a, T.NegMulAdd(v0i, ai, v0r * ar));
                    T.Store(ref Unsafe.Add(ref a, lanes), T.MulAdd(v0i, ar, v0r * ai));
                }
            }
        }
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

// The adjoint sweep: λ = Σ g_o P_o ψ at the end, then back through the ops, each fused block giving its rotations'
// gradients from one reduced cross matrix per lane while ψ and λ are un-applied in the same pass.
internal sealed partial class BlockRunner<T>
{
    /// <summary>
    /// Seeds λ = Σ_o g_o P_o ψ at the end of the branch (before the folded tails: there the observable of qubit q
    /// is u† O_q u), differentiates the tails from ρ, then walks the branch backwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void BackwardBranch(CircuitSegment segment, Span<double> psi, Span<double> lambda)
    {
        lambda.Clear();
        for (var m = 0; m < segment.Measured.Length; m++)
        {
            var measured = segment.Measured[m];
            for (var c = 0; c < lanes; c += T.Count) SeedObservable(segment, m, c);
            var hermitian = ws.Hermitian.AsSpan(m * 4 * lanes, 4 * lanes);
            foreach (var pairs in measured.Pairs.Chunks(ws.IndexBuffer))
                StateKernels.AddHermitian<T>(psi, lambda, pairs, lanes, hermitian);
        }
        BackwardOps(segment, psi, lambda);
    }

    /// <summary>The Hermitian H = u† (Σ g_o P_o) u that seeds λ on measured qubit m, and the tail's gradients.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void SeedObservable(CircuitSegment segment, int m, int c)
    {
        var measured = segment.Measured[m];
        T gx = default, gy = default, gz = default;
        for (var o = 0; o < segment.Observables.Length; o++)
        {
            var observable = segment.Observables[o];
            if (observable.Measured != m) continue;
            var g = T.Load(ref At(ws.Cotangents, (segment.ObservableOffset + o) * lanes + c));
            switch (observable.Pauli)
            {
                case Pauli.X: gx += g; break;
                case Pauli.Y: gy += g; break;
                default: gz += g; break;
            }
        }

        T hx = gx, hy = gy, hz = gz;
        if (!measured.Tail.IsEmpty && !measured.TailPerLane)
        {
            // Shared tail: E = gᵀ K b, so H has Bloch vector Kᵀ g and dE/dθ_j = gᵀ (∂K/∂θ_j) b.
            ref var r = ref At(ws.Rho, m * 4 * lanes + c);
            var p01r = T.Load(ref Unsafe.Add(ref r, 2 * lanes));
            var p01i = T.Load(ref Unsafe.Add(ref r, 3 * lanes));
            var (bx, by, bz) = (p01r + p01r, -(p01i + p01i), T.Load(ref r) - T.Load(ref Unsafe.Add(ref r, lanes)));
            ref var k = ref shared.BlochRotations[measured.TailSlot * 9];
            hx = Column(ref k, gx, gy, gz);
            hy = Column(ref Unsafe.Add(ref k, 1), gx, gy, gz);
            hz = Column(ref Unsafe.Add(ref k, 2), gx, gy, gz);
            var derivatives = shared.TailDerivatives[measured.TailSlot]!;
            for (var j = 0; j < measured.Tail.Length; j++)
            {
                if (!measured.Tail[j].IsRotation) continue;
                ref var d = ref derivatives[9 * j];
                var gradient = T.MulAdd(gz, Row(ref Unsafe.Add(ref d, 6), bx, by, bz),
                    T.MulAdd(gy, Row(ref Unsafe.Add(ref d, 3), bx, by, bz), gx * Row(ref d, bx, by, bz)));
                Accumulate(measured.Tail[j].Rotation, gradient, c);
            }
        }
        else if (!measured.Tail.IsEmpty)
        {
            var observable = new LaneMatrix<T> { R00 = gz, R01 = gx, I01 = -gy, R10 = gx, I10 = gy, R11 = -gz };
            var rhoOut = TailDensity(measured, m, c);
            var w = LaneMatrix<T>.Multiply(rhoOut, observable);
            Sweep(measured.Tail, w, c);
            var u = LaneMatrix<T>.Load(ref At(ws.Tails, measured.TailSlot * 8 * lanes + c), lanes);
            var h = LaneMatrix<T>.Multiply(u.Adjoint(), LaneMatrix<T>.Multiply(observable, u));
            (hx, hy, hz) = (h.R01, -h.I01, h.R00);
        }
        ref var hd = ref At(ws.Hermitian, m * 4 * lanes + c);
        T.Store(ref hd, hz);
        T.Store(ref Unsafe.Add(ref hd, lanes), -hz);
        T.Store(ref Unsafe.Add(ref hd, 2 * lanes), hx);
        T.Store(ref Unsafe.Add(ref hd, 3 * lanes), -hy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Column(ref double k, T x, T y, T z) =>
        T.MulAdd(T.Create(Unsafe.Add(ref k, 6)), z, T.MulAdd(T.Create(Unsafe.Add(ref k, 3)), y, T.Create(k) * x));

    /// <summary>Walks a segment's ops backwards, differentiating every rotation and un-applying ψ and λ.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void BackwardOps(CircuitSegment segment, Span<double> psi, Span<double> lambda)
    {
        for (var i = segment.Ops.Length - 1; i >= 0; i--)
        {
            switch (segment.Ops[i])
            {
                case ProductLayerOp layer:
                    ProductBackward(layer, lambda);
                    break;
                case SingleQubitOp single:
                    BackwardSingle(single, psi, lambda);
                    break;
                case ControlledZOp cz:
                    foreach (var indices in cz.Indices.Chunks(ws.IndexBuffer))
                    {
                        StateKernels.Negate<T>(psi, indices, lanes);
                        StateKernels.Negate<T>(lambda, indices, lanes);
                    }
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void BackwardSingle(SingleQubitOp op, Span<double> psi, Span<double> lambda)
    {
        var adjoint = ws.Adjoint.AsSpan(0, 8 * lanes);
        var cross = ws.Cross.AsSpan(0, 8 * lanes);
        ref var m = ref At(ws.Matrices, op.MatrixSlot * 8 * lanes);
        ref var a = ref MemoryMarshal.GetReference(adjoint);
        for (var c = 0; c < lanes; c += T.Count)
        {
            // M† in lane layout: transpose the off-diagonal components, negate every imaginary part.
            T.Store(ref Unsafe.Add(ref a, c), T.Load(ref Unsafe.Add(ref m, c)));
            T.Store(ref Unsafe.Add(ref a, lanes + c), -T.Load(ref Unsafe.Add(ref m, lanes + c)));
            T.Store(ref Unsafe.Add(ref a, 2 * lanes + c), T.Load(ref Unsafe.Add(ref m, 4 * lanes + c)));
            T.Store(ref Unsafe.Add(ref a, 3 * lanes + c), -T.Load(ref Unsafe.Add(ref m, 5 * lanes + c)));
            T.Store(ref Unsafe.Add(ref a, 4 * lanes + c), T.Load(ref Unsafe.Add(ref m, 2 * lanes + c)));
            T.Store(ref Unsafe.Add(ref a, 5 * lanes + c), -T.Load(ref Unsafe.Add(ref m, 3 * lanes + c)));
            T.Store(ref Unsafe.Add(ref a, 6 * lanes + c), T.Load(ref Unsafe.Add(ref m, 6 * lanes + c)));
            T.Store(ref Unsafe.Add(ref a, 7 * lanes + c), -T.Load(ref Unsafe.Add(ref m, 7 * lanes + c)));
        }
        cross.Clear();
        foreach (var pairs in op.Pairs.Chunks(ws.IndexBuffer))
        {
            switch (op.Form)
            {
                case MatrixForm.Real: StateKernels.Backward<T, RealMap<T>>(psi, lambda, pairs, lanes, adjoint, cross); break;
                case MatrixForm.Diagonal: StateKernels.Backward<T, DiagonalMap<T>>(psi, lambda, pairs, lanes, adjoint, cross); break;
                default: StateKernels.Backward<T, ComplexMap<T>>(psi, lambda, pairs, lanes, adjoint, cross); break;
            }
        }
        for (var c = 0; c < lanes; c += T.Count)
        {
            var w = LaneMatrix<T>.Load(ref At(ws.Cross, c), lanes);
            Sweep(op.Gates, w, c);
        }
    }

    /// <summary>
    /// Gradients of a fused block's rotations from its reduced cross matrix W = Σ ψ_out λ_out† at the block's end:
    /// for G = exp(−iθP/2) the contribution 2 Re⟨λ|…∂G…|ψ⟩ reduces to Im Tr(P W), with W moved back across
    /// later gates (W ← G†WG).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Sweep(ImmutableArray<OpGate> gates, in LaneMatrix<T> cross, int c)
    {
        var (r00, i00, r01, i01) = (cross.R00, cross.I00, cross.R01, cross.I01);
        var (r10, i10, r11, i11) = (cross.R10, cross.I10, cross.R11, cross.I11);
        for (var j = gates.Length - 1; j >= 0; j--)
        {
            var g = gates[j];
            if (g.IsRotation)
            {
                var gradient = g.Kind switch
                {
                    GateKind.Rx => i01 + i10,
                    GateKind.Ry => r01 - r10,
                    _ => i00 - i11,
                };
                Accumulate(g.Rotation, gradient, c);
                if (j > 0)
                {
                    LaneMatrix<T>.ConjugateRotation(g.Kind, T.Load(ref At(ws.Cos, g.Rotation * lanes + c)),
                        T.Load(ref At(ws.Sin, g.Rotation * lanes + c)),
                        ref r00, ref i00, ref r01, ref i01, ref r10, ref i10, ref r11, ref i11);
                }
            }
            else if (j > 0)
            {
                var w = new LaneMatrix<T> { R00 = r00, I00 = i00, R01 = r01, I01 = i01, R10 = r10, I10 = i10, R11 = r11, I11 = i11 };
                w = LaneMatrix<T>.Conjugate(w, LaneMatrix<T>.Fixed(g.Kind));
                (r00, i00, r01, i01, r10, i10, r11, i11) = (w.R00, w.I00, w.R01, w.I01, w.R10, w.I10, w.R11, w.I11);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Accumulate(int rotation, T gradient, int c)
    {
        var row = program.GradientRows[rotation];
        if (row < 0) return;
        ref var slot = ref At(ws.Gradients, row * lanes + c);
        T.Store(ref slot, T.MulAdd(T.Create(program.GradientScales[rotation]), gradient, T.Load(ref slot)));
    }

    /// <summary>
    /// Adjoint of the product-state start: for qubit q (from the top), e[a] = Σ conj(λ[a, rest]) Π_{j&lt;q} v_j is
    /// the overlap with the lower qubits' product; then λ is contracted with conj(v_q), halving it. W = v_q e^T.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void ProductBackward(ProductLayerOp layer, Span<double> lambda)
    {
        var n = program.QubitCount;
        var stride = 2 * lanes;
        ref var st = ref ws.Stages[0];
        ref var l = ref MemoryMarshal.GetReference(lambda);
        for (var c = 0; c < lanes; c += T.Count)
        {
            // Stage q (the product of qubits below q, 2^q amplitudes) starts at amplitude 2^q - 1.
            T.Store(ref Unsafe.Add(ref st, c), T.Create(1));
            T.Store(ref Unsafe.Add(ref st, lanes + c), default);
            for (var q = 0; q < n - 1; q++)
            {
                var (v0r, v0i, v1r, v1i) = Vector(q, c);
                var half = 1 << q;
                ref var from = ref Unsafe.Add(ref st, (half - 1) * stride + c);
                ref var to = ref Unsafe.Add(ref st, (2 * half - 1) * stride + c);
                for (var i = 0; i < half; i++)
                {
                    var sr = T.Load(ref Unsafe.Add(ref from, i * stride));
                    var si = T.Load(ref Unsafe.Add(ref from, i * stride + lanes));
                    T.Store(ref Unsafe.Add(ref to, i * stride), T.NegMulAdd(v0i, si, v0r * sr));
                    T.Store(ref Unsafe.Add(ref to, i * stride + lanes), T.MulAdd(v0i, sr, v0r * si));
                    T.Store(ref Unsafe.Add(ref to, (i + half) * stride), T.NegMulAdd(v1i, si, v1r * sr));
                    T.Store(ref Unsafe.Add(ref to, (i + half) * stride + lanes), T.MulAdd(v1i, sr, v1r * si));
                }
            }

            for (var q = n - 1; q >= 0; q--)
            {
                var (v0r, v0i, v1r, v1i) = Vector(q, c);
                var half = 1 << q;
                ref var stage = ref Unsafe.Add(ref st, (half - 1) * stride + c);
                T e0r = default, e0i = default, e1r = default, e1i = default;
                for (var i = 0; i < half; i++)
                {
                    var sr = T.Load(ref Unsafe.Add(ref stage, i * stride));
                    var si = T.Load(ref Unsafe.Add(ref stage, i * stride + lanes));
                    ref var a = ref Unsafe.Add(ref l, i * stride + c);
                    ref var b = ref Unsafe.Add(ref l, (i + half) * stride + c);
                    var ar = T.Load(ref a);
                    var ai = T.Load(ref Unsafe.Add(ref a, lanes));
                    var br = T.Load(ref b);
                    var bi = T.Load(ref Unsafe.Add(ref b, lanes));
                    e0r = T.MulAdd(ai, si, T.MulAdd(ar, sr, e0r));
                    e0i = T.NegMulAdd(ai, sr, T.MulAdd(ar, si, e0i));
                    e1r = T.MulAdd(bi, si, T.MulAdd(br, sr, e1r));
                    e1i = T.NegMulAdd(bi, sr, T.MulAdd(br, si, e1i));
                    T.Store(ref a, T.MulAdd(v1i, bi, T.MulAdd(v1r, br, T.MulAdd(v0i, ai, v0r * ar))));
                    T.Store(ref Unsafe.Add(ref a, lanes), T.NegMulAdd(v1i, br, T.MulAdd(v1r, bi, T.NegMulAdd(v0i, ar, v0r * ai))));
                }
                var gates = layer.QubitGates[q];
                if (gates.IsEmpty) continue;
                var w = new LaneMatrix<T>
                {
                    R00 = T.NegMulAdd(v0i, e0i, v0r * e0r),
                    I00 = T.MulAdd(v0i, e0r, v0r * e0i),
                    R01 = T.NegMulAdd(v0i, e1i, v0r * e1r),
                    I01 = T.MulAdd(v0i, e1r, v0r * e1i),
                    R10 = T.NegMulAdd(v1i, e0i, v1r * e0r),
                    I10 = T.MulAdd(v1i, e0r, v1r * e0i),
                    R11 = T.NegMulAdd(v1i, e1i, v1r * e1r),
                    I11 = T.MulAdd(v1i, e1r, v1r * e1i),
                };
                Sweep(gates, w, c);
            }
        }
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Runs a compiled circuit on blocks of <c>lanes</c> circuits: per-lane angles and matrices, the forward sweep,
/// measurement and (optionally) the adjoint sweep. One instance serves one chunk of a batch on one thread.
/// </summary>
/// <typeparam name="T">The lane vector; <c>lanes</c> is a multiple of its width.</typeparam>
/// <remarks>Phases are NoInlining and AggressiveOptimization for the reasons given on <see cref="StateKernels"/>.</remarks>
internal sealed class BlockRunner<T> where T : struct, ILanes<T>
{
    private readonly CompiledCircuit program;
    private readonly Workspace ws;
    private readonly int lanes;
    private readonly int stateLength;
    private readonly bool gradients;
    private readonly SharedValues shared;

    public BlockRunner(CompiledCircuit program, Workspace ws, int lanes, SharedValues shared, bool gradients)
    {
        this.program = program;
        this.ws = ws;
        this.lanes = lanes;
        this.gradients = gradients;
        this.shared = shared;
        stateLength = 2 * program.Dimension * lanes;
        ws.Ensure(program, lanes, gradients);

        // Values shared by all lanes are broadcast once per chunk; per-block work overwrites only per-lane rows.
        foreach (var r in program.SharedRotations)
        {
            ws.Cos.AsSpan(r * lanes, lanes).Fill(shared.Cos[r]);
            ws.Sin.AsSpan(r * lanes, lanes).Fill(shared.Sin[r]);
        }
        Broadcast(shared.Factors, ws.Factors, program.SharedFactors.Length * 8);
        Broadcast(shared.Matrices, ws.Matrices, program.MatrixSlots * 8);
        Broadcast(shared.Vectors, ws.Vectors, program.QubitCount * 4);
        Broadcast(shared.Tails, ws.Tails, program.TailSlots * 8);
        if (gradients) ws.Gradients.AsSpan(program.InputCount * lanes, program.WeightCount * lanes).Clear();
    }

    /// <summary>
    /// Runs one block: rows <paramref name="firstRow"/> .. + <paramref name="valid"/> of the batch; lanes past
    /// <paramref name="valid"/> are padding with zero inputs and zero cotangents (so they add exactly zero gradient).
    /// </summary>
    public void Run(int firstRow, int valid, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents,
        Span<double> expectations, Span<double> inputGradients)
    {
        LaneTranspose.ToLanes(inputs, firstRow, valid, program.InputCount, lanes, ws.Inputs);
        if (gradients)
        {
            LaneTranspose.ToLanes(cotangents, firstRow, valid, program.ObservableCount, lanes, ws.Cotangents);
            ws.Gradients.AsSpan(0, program.InputCount * lanes).Clear();
        }
        PrepareLanes();

        var psi = ws.Psi.AsSpan(0, stateLength);
        var lambda = gradients ? ws.Lambda.AsSpan(0, stateLength) : default;
        var prefixPsi = ws.PrefixPsi.AsSpan(0, program.Prefix is null ? 0 : stateLength);
        var prefixLambda = gradients && program.Prefix is not null ? ws.PrefixLambda.AsSpan(0, stateLength) : default;

        if (program.Prefix is { } prefix) Forward(prefix, prefixPsi);
        for (var b = 0; b < program.Branches.Length; b++)
        {
            var branch = program.Branches[b];
            var state = psi;
            if (program.Prefix is not null)
            {
                // The last branch of a forward-only run may consume the prefix state in place.
                if (!gradients && b == program.Branches.Length - 1) state = prefixPsi;
                else prefixPsi.CopyTo(psi);
            }
            Forward(branch, state);
            Measure(branch, state);
            if (!gradients) continue;
            BackwardBranch(branch, state, lambda);
            if (program.Prefix is null) continue;
            if (b == 0) lambda.CopyTo(prefixLambda);
            else Add(prefixLambda, lambda);
        }
        if (gradients && program.Prefix is { } p) BackwardOps(p, prefixPsi, prefixLambda);

        LaneTranspose.ToRows(ws.Expectations, firstRow, valid, program.ObservableCount, lanes, expectations);
        if (gradients) LaneTranspose.ToRows(ws.Gradients, firstRow, valid, program.InputCount, lanes, inputGradients);
    }

    /// <summary>Writes this chunk's weight gradients (summed over lanes and blocks).</summary>
    public void SumWeightGradients(Span<double> destination)
    {
        for (var s = 0; s < program.WeightCount; s++)
        {
            var row = ws.Gradients.AsSpan((program.InputCount + s) * lanes, lanes);
            var sum = 0.0;
            foreach (var x in row) sum += x;
            destination[s] = sum;
        }
    }

    private void Broadcast(double[] source, double[] destination, int components)
    {
        for (var k = 0; k < components; k++) destination.AsSpan(k * lanes, lanes).Fill(source[k]);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Add(Span<double> destination, ReadOnlySpan<double> source)
    {
        ref var d = ref MemoryMarshal.GetReference(destination);
        ref var s = ref MemoryMarshal.GetReference(source);
        for (var i = 0; i < destination.Length; i += T.Count)
            T.Store(ref Unsafe.Add(ref d, i), T.Load(ref Unsafe.Add(ref d, i)) + T.Load(ref Unsafe.Add(ref s, i)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double At(double[] array, int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void PrepareLanes()
    {
        foreach (var r in program.LaneRotations)
        {
            var source = program.Rotations[r].Source;
            var scale = T.Create(0.5 * source.Scale);
            var offset = T.Create(0.5 * source.Offset);
            for (var c = 0; c < lanes; c += T.Count)
            {
                var half = T.MulAdd(scale, T.Load(ref At(ws.Inputs, source.Slot * lanes + c)), offset);
                var (sin, cos) = T.SinCos(half);
                T.Store(ref At(ws.Sin, r * lanes + c), sin);
                T.Store(ref At(ws.Cos, r * lanes + c), cos);
            }
        }

        foreach (var op in program.LaneOps)
        {
            var factors = op.Factors;
            for (var c = 0; c < lanes; c += T.Count)
            {
                // Right to left, so each input rotation costs a specialised product instead of a general one.
                var m = Factor(factors[^1], c);
                for (var f = factors.Length - 2; f >= 0; f--)
                {
                    var factor = factors[f];
                    if (factor.Rotation >= 0)
                    {
                        m = LaneMatrix<T>.TimesRotation(m, factor.GateKind, T.Load(ref At(ws.Cos, factor.Rotation * lanes + c)),
                            T.Load(ref At(ws.Sin, factor.Rotation * lanes + c)));
                    }
                    else
                    {
                        var run = LaneMatrix<T>.Load(ref At(ws.Factors, factor.Shared * 8 * lanes + c), lanes);
                        m = LaneMatrix<T>.Multiply(m, run);
                    }
                }
                m.Store(ref At(ws.Matrices, op.MatrixSlot * 8 * lanes + c), lanes);
            }
        }

        if (program.Product is { } product)
        {
            for (var q = 0; q < program.QubitCount; q++)
            {
                if (!product.PerLane[q]) continue;
                for (var c = 0; c < lanes; c += T.Count)
                {
                    // Gates applied to the qubit's vector, starting from |0⟩ (a leading shared run gives its first column).
                    var factors = product.Factors[q];
                    T v0r = T.Create(1), v0i = default, v1r = default, v1i = default;
                    for (var f = 0; f < factors.Length; f++)
                    {
                        var factor = factors[f];
                        if (factor.Rotation >= 0)
                        {
                            LaneMatrix<T>.Rotate(factor.GateKind, T.Load(ref At(ws.Cos, factor.Rotation * lanes + c)),
                                T.Load(ref At(ws.Sin, factor.Rotation * lanes + c)), ref v0r, ref v0i, ref v1r, ref v1i);
                            continue;
                        }
                        ref var run = ref At(ws.Factors, factor.Shared * 8 * lanes + c);
                        if (f == 0)
                        {
                            (v0r, v0i, v1r, v1i) = (T.Load(ref run), T.Load(ref Unsafe.Add(ref run, lanes)),
                                T.Load(ref Unsafe.Add(ref run, 4 * lanes)), T.Load(ref Unsafe.Add(ref run, 5 * lanes)));
                            continue;
                        }
                        var m = LaneMatrix<T>.Load(ref run, lanes);
                        (v0r, v0i, v1r, v1i) = (
                            T.NegMulAdd(m.I01, v1i, T.MulAdd(m.R01, v1r, T.NegMulAdd(m.I00, v0i, m.R00 * v0r))),
                            T.MulAdd(m.I01, v1r, T.MulAdd(m.R01, v1i, T.MulAdd(m.I00, v0r, m.R00 * v0i))),
                            T.NegMulAdd(m.I11, v1i, T.MulAdd(m.R11, v1r, T.NegMulAdd(m.I10, v0i, m.R10 * v0r))),
                            T.MulAdd(m.I11, v1r, T.MulAdd(m.R11, v1i, T.MulAdd(m.I10, v0r, m.R10 * v0i))));
                    }
                    ref var v = ref At(ws.Vectors, 4 * q * lanes + c);
                    T.Store(ref v, v0r);
                    T.Store(ref Unsafe.Add(ref v, lanes), v0i);
                    T.Store(ref Unsafe.Add(ref v, 2 * lanes), v1r);
                    T.Store(ref Unsafe.Add(ref v, 3 * lanes), v1i);
                }
            }
        }

        foreach (var tail in program.LaneTails)
            for (var c = 0; c < lanes; c += T.Count)
                Product(tail.Tail, c).Store(ref At(ws.Tails, tail.TailSlot * 8 * lanes + c), lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LaneMatrix<T> Factor(MatrixFactor factor, int c) => factor.Rotation >= 0
        ? LaneMatrix<T>.Gate(factor.GateKind, T.Load(ref At(ws.Cos, factor.Rotation * lanes + c)), T.Load(ref At(ws.Sin, factor.Rotation * lanes + c)))
        : LaneMatrix<T>.Load(ref At(ws.Factors, factor.Shared * 8 * lanes + c), lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LaneMatrix<T> Gate(OpGate gate, int c) => gate.IsRotation
        ? LaneMatrix<T>.Gate(gate.Kind, T.Load(ref At(ws.Cos, gate.Rotation * lanes + c)), T.Load(ref At(ws.Sin, gate.Rotation * lanes + c)))
        : LaneMatrix<T>.Fixed(gate.Kind);

    private LaneMatrix<T> Product(ImmutableArray<OpGate> gates, int c)
    {
        var m = LaneMatrix<T>.Identity;
        foreach (var g in gates)
        {
            var gate = Gate(g, c);
            m = LaneMatrix<T>.Multiply(gate, m);
        }
        return m;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Forward(CircuitSegment segment, Span<double> state)
    {
        foreach (var op in segment.Ops)
        {
            switch (op)
            {
                case ProductLayerOp:
                    StateKernels.ProductState<T>(state, program.QubitCount, lanes, ws.Vectors);
                    break;
                case SingleQubitOp single:
                    var matrix = ws.Matrices.AsSpan(single.MatrixSlot * 8 * lanes, 8 * lanes);
                    foreach (var pairs in single.Pairs.Chunks(ws.IndexBuffer))
                    {
                        switch (single.Form)
                        {
                            case MatrixForm.Real: StateKernels.Apply<T, RealMap<T>>(state, pairs, lanes, matrix); break;
                            case MatrixForm.Diagonal: StateKernels.Apply<T, DiagonalMap<T>>(state, pairs, lanes, matrix); break;
                            default: StateKernels.Apply<T, ComplexMap<T>>(state, pairs, lanes, matrix); break;
                        }
                    }
                    break;
                case ControlledZOp cz:
                    foreach (var indices in cz.Indices.Chunks(ws.IndexBuffer)) StateKernels.Negate<T>(state, indices, lanes);
                    break;
            }
        }
    }

    /// <summary>Reduced density matrices of the measured qubits, then every observable from them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Measure(CircuitSegment segment, ReadOnlySpan<double> state)
    {
        for (var m = 0; m < segment.Measured.Length; m++)
        {
            var rho = ws.Rho.AsSpan(m * 4 * lanes, 4 * lanes);
            rho.Clear();
            foreach (var pairs in segment.Measured[m].Pairs.Chunks(ws.IndexBuffer))
                StateKernels.ReducedDensity<T>(state, pairs, lanes, rho);
        }

        for (var c = 0; c < lanes; c += T.Count)
        {
            for (var m = 0; m < segment.Measured.Length; m++)
            {
                var measured = segment.Measured[m];
                T x, y, z;
                if (measured.TailPerLane)
                {
                    var rho = TailDensity(measured, m, c);
                    (x, y, z) = (rho.R01 + rho.R01, -(rho.I01 + rho.I01), rho.R00 - rho.R11);
                }
                else
                {
                    ref var r = ref At(ws.Rho, m * 4 * lanes + c);
                    var p01r = T.Load(ref Unsafe.Add(ref r, 2 * lanes));
                    var p01i = T.Load(ref Unsafe.Add(ref r, 3 * lanes));
                    (x, y, z) = (p01r + p01r, -(p01i + p01i), T.Load(ref r) - T.Load(ref Unsafe.Add(ref r, lanes)));
                    if (!measured.Tail.IsEmpty)
                    {
                        // Shared tail: rotate the Bloch vector with the per-call 3×3 matrix.
                        ref var k = ref shared.BlochRotations[measured.TailSlot * 9];
                        (x, y, z) = (Row(ref k, x, y, z), Row(ref Unsafe.Add(ref k, 3), x, y, z), Row(ref Unsafe.Add(ref k, 6), x, y, z));
                    }
                }
                ref var bloch = ref At(ws.Bloch, m * 3 * lanes + c);
                T.Store(ref bloch, x);
                T.Store(ref Unsafe.Add(ref bloch, lanes), y);
                T.Store(ref Unsafe.Add(ref bloch, 2 * lanes), z);
            }
            for (var o = 0; o < segment.Observables.Length; o++)
            {
                var observable = segment.Observables[o];
                var value = observable.Measured < 0
                    ? T.Create(1)
                    : T.Load(ref At(ws.Bloch, (observable.Measured * 3 + BlochIndex(observable.Pauli)) * lanes + c));
                T.Store(ref At(ws.Expectations, (segment.ObservableOffset + o) * lanes + c), value);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Row(ref double k, T x, T y, T z) =>
        T.MulAdd(T.Create(Unsafe.Add(ref k, 2)), z, T.MulAdd(T.Create(Unsafe.Add(ref k, 1)), y, T.Create(k) * x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BlochIndex(Pauli pauli) => pauli switch
    {
        Pauli.X => 0,
        Pauli.Y => 1,
        _ => 2,
    };

    /// <summary>The measured qubit's reduced density matrix after its tail gates: u ρ u†.</summary>
    private LaneMatrix<T> TailDensity(MeasuredQubit measured, int m, int c)
    {
        ref var r = ref At(ws.Rho, m * 4 * lanes + c);
        var p01r = T.Load(ref Unsafe.Add(ref r, 2 * lanes));
        var p01i = T.Load(ref Unsafe.Add(ref r, 3 * lanes));
        var rho = new LaneMatrix<T>
        {
            R00 = T.Load(ref r),
            R11 = T.Load(ref Unsafe.Add(ref r, lanes)),
            R01 = p01r,
            I01 = p01i,
            R10 = p01r,
            I10 = -p01i,
        };
        if (measured.Tail.IsEmpty) return rho;
        var u = LaneMatrix<T>.Load(ref At(ws.Tails, measured.TailSlot * 8 * lanes + c), lanes);
        var ur = LaneMatrix<T>.Multiply(u, rho);
        return LaneMatrix<T>.Multiply(ur, u.Adjoint());
    }

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
            Sweep(measured.Tail, ref w, c);
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
            Sweep(op.Gates, ref w, c);
        }
    }

    /// <summary>
    /// Gradients of a fused block's rotations from its reduced cross matrix W = Σ ψ_out λ_out† at the block's end:
    /// for G = exp(−iθP/2) the contribution 2 Re⟨λ|…∂G…|ψ⟩ reduces to Im Tr(P W), with W moved back across
    /// later gates (W ← G†WG).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Sweep(ImmutableArray<OpGate> gates, ref LaneMatrix<T> w, int c)
    {
        for (var j = gates.Length - 1; j >= 0; j--)
        {
            var g = gates[j];
            if (g.IsRotation)
            {
                var gradient = g.Kind switch
                {
                    GateKind.Rx => w.I01 + w.I10,
                    GateKind.Ry => w.R01 - w.R10,
                    _ => w.I00 - w.I11,
                };
                Accumulate(g.Rotation, gradient, c);
                if (j > 0)
                {
                    LaneMatrix<T>.ConjugateRotation(ref w, g.Kind, T.Load(ref At(ws.Cos, g.Rotation * lanes + c)),
                        T.Load(ref At(ws.Sin, g.Rotation * lanes + c)));
                }
            }
            else if (j > 0)
            {
                w = LaneMatrix<T>.Conjugate(w, LaneMatrix<T>.Fixed(g.Kind));
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
        ref var st = ref MemoryMarshal.GetArrayDataReference(ws.Stages);
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
                Sweep(gates, ref w, c);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (T V0r, T V0i, T V1r, T V1i) Vector(int q, int c)
    {
        ref var v = ref At(ws.Vectors, 4 * q * lanes + c);
        return (T.Load(ref v), T.Load(ref Unsafe.Add(ref v, lanes)), T.Load(ref Unsafe.Add(ref v, 2 * lanes)), T.Load(ref Unsafe.Add(ref v, 3 * lanes)));
    }
}

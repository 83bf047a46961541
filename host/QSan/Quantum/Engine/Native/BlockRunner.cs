using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Runs a compiled circuit on blocks of <c>lanes</c> circuits: per-lane angles and matrices, the forward sweep,
/// measurement and (optionally) the adjoint sweep. One instance serves one chunk of a batch on one thread.
/// </summary>
/// <typeparam name="T">The lane vector; <c>lanes</c> is a multiple of its width.</typeparam>
/// <remarks>Phases are NoInlining and AggressiveOptimization for the reasons given on <see cref="StateKernels"/>.</remarks>
internal sealed partial class BlockRunner<T> : IBlockRunner where T : struct, ILanes<T>
{
    private readonly CompiledCircuit program;
    private readonly Workspace ws;
    private readonly int lanes;
    private readonly int stateLength;
    private readonly bool gradients;
    private readonly SharedValues shared;

    // Forward calls record into it, gradient calls start their adjoint sweep from it; null: neither.
    private readonly ForwardTape? tape;

    public BlockRunner(CompiledCircuit program, Workspace ws, int lanes, SharedValues shared, bool gradients, ForwardTape? tape)
    {
        this.tape = tape;
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

        if (tape is not null)
        {
            if (gradients) Replay(firstRow / lanes);
            else Record(firstRow / lanes);
        }
        else
        {
            Simulate();
        }

        LaneTranspose.ToRows(ws.Expectations, firstRow, valid, program.ObservableCount, lanes, expectations);
        if (gradients) LaneTranspose.ToRows(ws.Gradients, firstRow, valid, program.InputCount, lanes, inputGradients);
    }

    /// <summary>The forward sweep (and with gradients the adjoint sweep) of one block in the workspace.</summary>
    private void Simulate()
    {
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
            else LaneSpans.Add<T>(prefixLambda, lambda);
        }
        if (gradients && program.Prefix is { } p) BackwardOps(p, prefixPsi, prefixLambda);
    }

    /// <summary>The forward sweep of block <paramref name="block"/>, with its states kept on the tape.</summary>
    private void Record(int block)
    {
        var prefixPsi = tape!.Prefix(block);
        if (program.Prefix is { } prefix) Forward(prefix, prefixPsi);
        for (var b = 0; b < program.Branches.Length; b++)
        {
            var branch = program.Branches[b];
            var state = tape.State(block, b);
            if (program.Prefix is not null) prefixPsi.CopyTo(state);
            Forward(branch, state);
            Measure(branch, state);
            ws.Rho.AsSpan(0, branch.Measured.Length * 4 * lanes).CopyTo(tape.Densities(block, b));
        }
        ws.Expectations.AsSpan(0, program.ObservableCount * lanes).CopyTo(tape.Expectations(block));
    }

    /// <summary>The adjoint sweep of block <paramref name="block"/> from the states its forward call kept (used up here).</summary>
    private void Replay(int block)
    {
        var lambda = ws.Lambda.AsSpan(0, stateLength);
        var prefixLambda = program.Prefix is not null ? ws.PrefixLambda.AsSpan(0, stateLength) : default;
        for (var b = 0; b < program.Branches.Length; b++)
        {
            var branch = program.Branches[b];
            tape!.Densities(block, b).CopyTo(ws.Rho.AsSpan(0, branch.Measured.Length * 4 * lanes));
            BackwardBranch(branch, tape.State(block, b), lambda);
            if (program.Prefix is null) continue;
            if (b == 0) lambda.CopyTo(prefixLambda);
            else LaneSpans.Add<T>(prefixLambda, lambda);
        }
        if (program.Prefix is { } p) BackwardOps(p, tape!.Prefix(block), prefixLambda);
        tape!.Expectations(block).CopyTo(ws.Expectations.AsSpan(0, program.ObservableCount * lanes));
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

    private void Broadcast(double[] source, AlignedBuffer destination, int components)
    {
        for (var k = 0; k < components; k++) destination.AsSpan(k * lanes, lanes).Fill(source[k]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double At(AlignedBuffer buffer, int index) => ref buffer[index];

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (T V0r, T V0i, T V1r, T V1i) Vector(int q, int c)
    {
        ref var v = ref At(ws.Vectors, 4 * q * lanes + c);
        return (T.Load(ref v), T.Load(ref Unsafe.Add(ref v, lanes)), T.Load(ref Unsafe.Add(ref v, 2 * lanes)), T.Load(ref Unsafe.Add(ref v, 3 * lanes)));
    }
}

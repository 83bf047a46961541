using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Density;

/// <summary>Per-thread buffers of the density-matrix engine, grown on demand (sizes in doubles, lane layout).</summary>
internal sealed class PauliWorkspace
{
    public AlignedBuffer Prefix = AlignedBuffer.Empty, State = AlignedBuffer.Empty, Scratch = AlignedBuffer.Empty, Sigma = AlignedBuffer.Empty,
        PrefixSigma = AlignedBuffer.Empty, Stored = AlignedBuffer.Empty, Buffers = AlignedBuffer.Empty;
    public AlignedBuffer Cos = AlignedBuffer.Empty, Sin = AlignedBuffer.Empty, Matrices = AlignedBuffer.Empty, Vectors = AlignedBuffer.Empty,
        Reduced = AlignedBuffer.Empty, TailSigma = AlignedBuffer.Empty, Correlation = AlignedBuffer.Empty;
    public AlignedBuffer Inputs = AlignedBuffer.Empty, Cotangents = AlignedBuffer.Empty, Expectations = AlignedBuffer.Empty,
        InputGradients = AlignedBuffer.Empty, WeightGradients = AlignedBuffer.Empty;
    public AlignedBuffer Factors = AlignedBuffer.Empty;

    public void Ensure(PauliProgram program, int lanes, bool gradients)
    {
        var state = program.Length * lanes;
        var tails = program.Branches.IsEmpty ? 0 : program.Branches.Max(b => b.Tails.Length);
        Grow(ref Prefix, state);
        Grow(ref State, state);
        Grow(ref Scratch, state);
        Grow(ref Cos, program.Angles.Length * lanes);
        Grow(ref Sin, program.Angles.Length * lanes);
        Grow(ref Matrices, program.MatrixSlots * 16 * lanes);
        Grow(ref Vectors, program.Qubits * 4 * lanes);
        Grow(ref Reduced, tails * 4 * lanes);
        Grow(ref Inputs, program.InputCount * lanes);
        Grow(ref Expectations, program.ObservableCount * lanes);
        Grow(ref Factors, (program.MaxFactors + 2) * 16 * lanes);
        if (!gradients) return;
        Grow(ref Sigma, state);
        Grow(ref PrefixSigma, state);
        Grow(ref Stored, program.StoreSlots * state);
        Grow(ref Buffers, 2 * Math.Max(1, program.Length / 4) * lanes);
        Grow(ref TailSigma, Math.Max(1, tails) * 4 * lanes);
        Grow(ref Correlation, 16 * lanes);
        Grow(ref Cotangents, program.ObservableCount * lanes);
        Grow(ref InputGradients, program.InputCount * lanes);
        Grow(ref WeightGradients, program.WeightCount * lanes);
    }

    private static void Grow(ref AlignedBuffer buffer, int size) => AlignedBuffer.Grow(ref buffer, size);
}

/// <summary>
/// Runs a <see cref="PauliProgram"/> on blocks of <c>lanes</c> circuits: per-lane angles and transfer matrices, the
/// forward sweep, the expectations and (optionally) the adjoint sweep. One instance serves one chunk of a batch on one thread.
/// </summary>
internal sealed class PauliRunner<T> : IBlockRunner where T : struct, ILanes<T>
{
    private readonly PauliProgram program;
    private readonly PauliWorkspace ws;
    private readonly int lanes;
    private readonly int stateLength;
    private readonly bool gradients;
    private readonly double[] weights;

    public PauliRunner(PauliProgram program, PauliWorkspace ws, int lanes, double[] weights, bool gradients)
    {
        this.program = program;
        this.ws = ws;
        this.lanes = lanes;
        this.weights = weights;
        this.gradients = gradients;
        stateLength = program.Length * lanes;
        ws.Ensure(program, lanes, gradients);
        if (gradients) ws.WeightGradients.AsSpan(0, program.WeightCount * lanes).Clear();
        // Blocks only overwrite the per-lane rows; what depends on weights alone is computed once here.
        PrepareAngles(program.SharedAngles);
        foreach (var (factors, slot) in program.SharedMatrixOps) BuildMatrix(factors, slot);
    }

    /// <summary>Runs rows <paramref name="firstRow"/> .. + <paramref name="valid"/>; padding lanes have zero inputs and cotangents.</summary>
    public void Run(int firstRow, int valid, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients)
    {
        LaneTranspose.ToLanes(inputs, firstRow, valid, program.InputCount, lanes, ws.Inputs);
        if (gradients)
        {
            LaneTranspose.ToLanes(cotangents, firstRow, valid, program.ObservableCount, lanes, ws.Cotangents);
            ws.InputGradients.AsSpan(0, program.InputCount * lanes).Clear();
        }
        PrepareAngles(program.LaneAngles);
        foreach (var op in program.LaneMatrixOps)
        {
            if (op.SharedSlot < 0) BuildMatrix(op.Factors, op.Slot);
            else TurnColumns(op);
        }

        var prefix = ws.Prefix.AsSpan(0, stateLength);
        Forward(program.PrefixOps, prefix);
        var prefixSigma = gradients ? ws.PrefixSigma.AsSpan(0, stateLength) : default;
        for (var b = 0; b < program.Branches.Length; b++)
        {
            var branch = program.Branches[b];
            var state = ws.State.AsSpan(0, stateLength);
            if (program.PrefixMaterialized)
            {
                // A forward-only run's last branch may consume the prefix state in place.
                if (!gradients && b == program.Branches.Length - 1) state = prefix;
                else prefix.CopyTo(state);
            }
            Forward(branch.Ops, state);
            Measure(branch, state);
            if (!gradients) continue;
            var sigma = ws.Sigma.AsSpan(0, stateLength);
            BackwardMeasurement(branch, sigma);
            Backward(branch.Ops, sigma);
            if (!program.PrefixMaterialized) continue;
            if (b == 0) sigma.CopyTo(prefixSigma);
            else LaneSpans.Add<T>(prefixSigma, sigma);
        }
        if (gradients && program.PrefixMaterialized) Backward(program.PrefixOps, prefixSigma);

        LaneTranspose.ToRows(ws.Expectations, firstRow, valid, program.ObservableCount, lanes, expectations);
        if (gradients) LaneTranspose.ToRows(ws.InputGradients, firstRow, valid, program.InputCount, lanes, inputGradients);
    }

    /// <summary>This chunk's weight gradients, summed over lanes and blocks.</summary>
    public void SumWeightGradients(Span<double> destination)
    {
        for (var s = 0; s < program.WeightCount; s++)
        {
            var sum = 0.0;
            foreach (var x in ws.WeightGradients.AsSpan(s * lanes, lanes)) sum += x;
            destination[s] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double At(AlignedBuffer buffer, int index) => ref buffer[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T LoadAt(AlignedBuffer buffer, int index) => T.Load(ref buffer[index]);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void PrepareAngles(ImmutableArray<int> angles)
    {
        foreach (var a in angles)
        {
            var angle = program.Angles[a];
            var scale = T.Create(angle.Scale);
            var offset = T.Create(angle.Offset);
            var shared = T.Create(angle.Kind == SlotKind.Weight ? weights[angle.Slot] : 0);
            for (var c = 0; c < lanes; c += T.Count)
            {
                var value = angle.Kind == SlotKind.Input ? LoadAt(ws.Inputs, angle.Slot * lanes + c) : shared;
                var (sin, cos) = T.SinCos(T.MulAdd(scale, value, offset));
                T.Store(ref At(ws.Sin, a * lanes + c), sin);
                T.Store(ref At(ws.Cos, a * lanes + c), cos);
            }
        }
    }

    // ---- per-lane 4×4 algebra on scratch rows of T.Count doubles (entry k of a matrix at k · T.Count) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Get(ref double m, int k) => T.Load(ref Unsafe.Add(ref m, k * T.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(ref double m, int k, T value) => T.Store(ref Unsafe.Add(ref m, k * T.Count), value);

    private static void SetIdentity(ref double m)
    {
        for (var k = 0; k < 16; k++) Set(ref m, k, T.Create(k % 5 == 0 ? 1 : 0));
    }

    /// <summary>
    /// m ← F · m for one factor, on lanes c.. of this block; with <paramref name="transposed"/> m ← Fᵀ · m (its Heisenberg step).
    /// Only the first <paramref name="columns"/> columns of m are mapped (1: a vector held in column 0).
    /// </summary>
    private void ApplyLeft(TransferFactor f, ref double m, int c, bool transposed = false, int columns = 4)
    {
        if (f.IsRotation)
        {
            // Fᵀ of a rotation is the rotation by −θ.
            var (cos, sin) = (LoadAt(ws.Cos, f.Angle * lanes + c), LoadAt(ws.Sin, f.Angle * lanes + c));
            if (transposed) sin = -sin;
            for (var j = 0; j < columns; j++)
            {
                var (ra, rb) = (Get(ref m, 4 * f.PlaneA + j), Get(ref m, 4 * f.PlaneB + j));
                Set(ref m, 4 * f.PlaneA + j, T.NegMulAdd(sin, rb, cos * ra));
                Set(ref m, 4 * f.PlaneB + j, T.MulAdd(sin, ra, cos * rb));
            }
            return;
        }
        var fixedMatrix = f.Fixed!;
        if (f.Diagonal)
        {
            for (var i = 0; i < 4; i++)
            {
                var d = T.Create(fixedMatrix[5 * i]);
                for (var j = 0; j < columns; j++) Set(ref m, 4 * i + j, d * Get(ref m, 4 * i + j));
            }
            return;
        }
        var (row, column) = transposed ? (1, 4) : (4, 1);
        for (var j = 0; j < columns; j++)
        {
            T c0 = Get(ref m, j), c1 = Get(ref m, 4 + j), c2 = Get(ref m, 8 + j), c3 = Get(ref m, 12 + j);
            for (var i = 0; i < 4; i++)
                Set(ref m, 4 * i + j, T.MulAdd(T.Create(fixedMatrix[row * i + 3 * column]), c3, T.MulAdd(T.Create(fixedMatrix[row * i + 2 * column]), c2,
                    T.MulAdd(T.Create(fixedMatrix[row * i + column]), c1, T.Create(fixedMatrix[row * i]) * c0))));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void BuildMatrix(ImmutableArray<TransferFactor> factors, int slot)
    {
        ref var m = ref At(ws.Factors, 0);
        for (var c = 0; c < lanes; c += T.Count)
        {
            SetIdentity(ref m);
            foreach (var f in factors) ApplyLeft(f, ref m, c);
            for (var k = 0; k < 16; k++) T.Store(ref At(ws.Matrices, (slot * 16 + k) * lanes + c), Get(ref m, k));
        }
    }

    /// <summary>
    /// M = S · R_k ⋯ R_1 for a lane matrix whose factors after the input rotations R_1 … R_k form the shared S: each
    /// rotation from the right turns two columns (S · R mixes columns a and b as R mixes rows a and b of a vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void TurnColumns(LaneMatrixOp op)
    {
        ref var m = ref At(ws.Matrices, op.Slot * 16 * lanes);
        ref var s = ref At(ws.Matrices, op.SharedSlot * 16 * lanes);
        for (var c = 0; c < lanes; c += T.Count)
            for (var k = 0; k < 16; k++) T.Store(ref Unsafe.Add(ref m, k * lanes + c), T.Load(ref Unsafe.Add(ref s, k * lanes + c)));
        for (var j = op.Split - 1; j >= 0; j--)
        {
            var f = op.Factors[j];
            var (a, b) = (f.PlaneA, f.PlaneB);
            for (var c = 0; c < lanes; c += T.Count)
            {
                var (cos, sin) = (LoadAt(ws.Cos, f.Angle * lanes + c), LoadAt(ws.Sin, f.Angle * lanes + c));
                for (var row = 0; row < 4; row++)
                {
                    // (M R)[row, a] = M[row, a] cos + M[row, b] sin; (M R)[row, b] = M[row, b] cos − M[row, a] sin.
                    ref var ma = ref Unsafe.Add(ref m, (4 * row + a) * lanes + c);
                    ref var mb = ref Unsafe.Add(ref m, (4 * row + b) * lanes + c);
                    var (va, vb) = (T.Load(ref ma), T.Load(ref mb));
                    T.Store(ref ma, T.MulAdd(sin, vb, cos * va));
                    T.Store(ref mb, T.NegMulAdd(sin, va, cos * vb));
                }
            }
        }
    }

    /// <summary>
    /// Adds every rotation's gradient inside a fused map: with X = Σ σ' rᵀ (σ' the cotangent after the map, r the state
    /// before, per lane in <paramref name="x"/>), angle j gets Σ_cd G[c,d] (Pⱼ Rⱼᵀ)[c,d] where Rⱼ = Fⱼ…F₁, Pⱼ = (F_k…Fⱼ₊₁)ᵀ X and G
    /// the rotation's generator in its plane.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void FactorGradients(ImmutableArray<TransferFactor> factors, AlignedBuffer x)
    {
        if (!factors.Any(f => f.IsRotation)) return;
        var block = 16 * T.Count;
        for (var c = 0; c < lanes; c += T.Count)
        {
            ref var right = ref At(ws.Factors, 0);
            SetIdentity(ref right);
            for (var j = 0; j < factors.Length; j++)
            {
                ref var next = ref Unsafe.Add(ref right, (j + 1) * block);
                for (var k = 0; k < 16; k++) Set(ref next, k, Get(ref Unsafe.Add(ref right, j * block), k));
                ApplyLeft(factors[j], ref next, c);
            }
            ref var p = ref Unsafe.Add(ref right, (factors.Length + 1) * block);
            for (var k = 0; k < 16; k++) Set(ref p, k, LoadAt(x, k * lanes + c));
            for (var j = factors.Length - 1; j >= 0; j--)
            {
                var f = factors[j];
                if (f.IsRotation)
                {
                    ref var r = ref Unsafe.Add(ref right, (j + 1) * block);
                    var (a, b) = (f.PlaneA, f.PlaneB);
                    T xab = default, xba = default;
                    for (var e = 0; e < 4; e++)
                    {
                        xab = T.MulAdd(Get(ref p, 4 * a + e), Get(ref r, 4 * b + e), xab);
                        xba = T.MulAdd(Get(ref p, 4 * b + e), Get(ref r, 4 * a + e), xba);
                    }
                    var angle = program.Angles[f.Angle];
                    var g = T.Create(angle.Scale) * (xba - xab);
                    ref var target = ref At(angle.Kind == SlotKind.Input ? ws.InputGradients : ws.WeightGradients, angle.Slot * lanes + c);
                    T.Store(ref target, T.Load(ref target) + g);
                }
                ApplyLeft(f, ref p, c, transposed: true);
            }
        }
    }

    private void Forward(ImmutableArray<PauliOp> ops, Span<double> state)
    {
        var scratch = ws.Scratch.AsSpan(0, stateLength);
        for (var i = 0; i < ops.Length; i++)
        {
            switch (ops[i])
            {
                case ProductOp product:
                    BuildVectors(product);
                    // The entangling run that always follows gathers straight from the product, with no copy in between.
                    if (i + 1 < ops.Length && ops[i + 1] is RunOp next)
                    {
                        PauliKernels.Product<T>(scratch, program.Qubits, lanes, ws.Vectors);
                        PauliKernels.Gather<T>(scratch, state, next.Source, next.Scale, lanes);
                        i++;
                    }
                    else PauliKernels.Product<T>(state, program.Qubits, lanes, ws.Vectors);
                    break;
                case FusedOp fused:
                    if (gradients && fused.Differentiable) state.CopyTo(ws.Stored.AsSpan(fused.StoreSlot * stateLength, stateLength));
                    PauliKernels.Transfer<T>(state, program.Length, fused.Qubit, lanes, ws.Matrices.AsSpan(fused.MatrixSlot * 16 * lanes, 16 * lanes), fused.Unital);
                    break;
                case RunOp run:
                    state.CopyTo(scratch);
                    PauliKernels.Gather<T>(scratch, state, run.Source, run.Scale, lanes);
                    break;
            }
        }
    }

    private void Backward(ImmutableArray<PauliOp> ops, Span<double> sigma)
    {
        for (var i = ops.Length - 1; i >= 0; i--)
        {
            switch (ops[i])
            {
                case ProductOp product:
                    if (!product.Differentiable) break;
                    var u = ws.TailSigma.AsSpan(0, 4 * lanes);
                    for (var q = 0; q < program.Qubits; q++)
                    {
                        if (!product.Factors[q].Any(f => f.IsRotation)) continue;
                        PauliKernels.Contract<T>(sigma, program.Qubits, q, lanes, ws.Vectors, ws.Buffers, u);
                        // The qubit's vector is F(1, 0, 0, 1): X = u (1, 0, 0, 1)ᵀ.
                        ws.Correlation.Clear();
                        for (var a = 0; a < 4; a++)
                        {
                            u.Slice(a * lanes, lanes).CopyTo(ws.Correlation.AsSpan((4 * a) * lanes, lanes));
                            u.Slice(a * lanes, lanes).CopyTo(ws.Correlation.AsSpan((4 * a + 3) * lanes, lanes));
                        }
                        FactorGradients(product.Factors[q], ws.Correlation);
                    }
                    break;
                case FusedOp fused:
                    var matrix = ws.Matrices.AsSpan(fused.MatrixSlot * 16 * lanes, 16 * lanes);
                    if (fused.Differentiable)
                    {
                        PauliKernels.Correlate<T>(sigma, ws.Stored.AsSpan(fused.StoreSlot * stateLength, stateLength), program.Length, fused.Qubit, lanes, ws.Correlation);
                        FactorGradients(fused.Factors, ws.Correlation);
                    }
                    PauliKernels.TransferAdjoint<T>(sigma, program.Length, fused.Qubit, lanes, matrix);
                    break;
                case RunOp run:
                    var scratch = ws.Scratch.AsSpan(0, stateLength);
                    sigma.CopyTo(scratch);
                    PauliKernels.Gather<T>(scratch, sigma, run.AdjointSource, run.AdjointScale, lanes);
                    break;
            }
        }
    }

    /// <summary>Each qubit's Bloch vector in a product state: its factors applied to (1, 0, 0, 1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void BuildVectors(ProductOp product)
    {
        ref var m = ref At(ws.Factors, 0);
        for (var q = 0; q < program.Qubits; q++)
            for (var c = 0; c < lanes; c += T.Count)
            {
                // The vector rides in column 0 of the 4×4 scratch; only that column is mapped.
                Set(ref m, 0, T.Create(1));
                Set(ref m, 4, default);
                Set(ref m, 8, default);
                Set(ref m, 12, T.Create(1));
                foreach (var f in product.Factors[q]) ApplyLeft(f, ref m, c, columns: 1);
                for (var b = 0; b < 4; b++) T.Store(ref At(ws.Vectors, (4 * q + b) * lanes + c), Get(ref m, 4 * b));
            }
    }

    /// <summary>Reduced Bloch vectors of the measured qubits, their tails, and the expectations.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Measure(BranchPlan branch, ReadOnlySpan<double> state)
    {
        ref var s = ref MemoryMarshal.GetReference(state);
        for (var t = 0; t < branch.Tails.Length; t++)
        {
            var shift = 2 * branch.Tails[t].Qubit;
            for (var c = 0; c < lanes; c += T.Count)
                for (var b = 0; b < 4; b++)
                {
                    T value;
                    if (!branch.Materialized) value = T.Create(b is 0 or 3 ? 1 : 0);
                    else if (branch.Readout is { } run)
                    {
                        var e = b << shift;
                        value = T.Create(run.Scale[e]) * T.Load(ref Unsafe.Add(ref s, run.Source[e] * lanes + c));
                    }
                    else value = T.Load(ref Unsafe.Add(ref s, (b << shift) * lanes + c));
                    T.Store(ref At(ws.Reduced, (4 * t + b) * lanes + c), value);
                }
        }
        for (var c = 0; c < lanes; c += T.Count)
            for (var o = 0; o < branch.Observables.Length; o++)
            {
                var reading = branch.Observables[o];
                var value = T.Create(1);
                if (reading.Tail >= 0)
                {
                    var tail = branch.Tails[reading.Tail];
                    var w = reading.Weights;
                    value = default;
                    // Σ_a w_a (M r)_a with M the tail's per-lane matrix.
                    for (var a = 0; a < 4; a++)
                    {
                        if (w[a] == 0) continue;
                        var row = T.Create(a == 0 ? 1 : 0);
                        if (a > 0)
                        {
                            row = default;
                            for (var b = 0; b < 4; b++)
                                row = T.MulAdd(LoadAt(ws.Matrices, (tail.MatrixSlot * 16 + 4 * a + b) * lanes + c), LoadAt(ws.Reduced, (4 * reading.Tail + b) * lanes + c), row);
                        }
                        value = T.MulAdd(T.Create(w[a]), row, value);
                    }
                }
                T.Store(ref At(ws.Expectations, (branch.ObservableOffset + o) * lanes + c), value);
            }
    }

    /// <summary>The cotangent state just before the branch's measurement (through the tails and the read-only final run), and the tails' gradients.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void BackwardMeasurement(BranchPlan branch, Span<double> sigma)
    {
        var tailSigma = ws.TailSigma.AsSpan(0, Math.Max(1, branch.Tails.Length) * 4 * lanes);
        tailSigma.Clear();
        for (var o = 0; o < branch.Observables.Length; o++)
        {
            var reading = branch.Observables[o];
            if (reading.Tail < 0) continue;
            for (var a = 0; a < 4; a++)
            {
                if (reading.Weights[a] == 0) continue;
                var w = T.Create(reading.Weights[a]);
                for (var c = 0; c < lanes; c += T.Count)
                {
                    ref var target = ref At(ws.TailSigma, (4 * reading.Tail + a) * lanes + c);
                    T.Store(ref target, T.MulAdd(w, LoadAt(ws.Cotangents, (branch.ObservableOffset + o) * lanes + c), T.Load(ref target)));
                }
            }
        }
        if (branch.Materialized) sigma.Clear();
        for (var t = 0; t < branch.Tails.Length; t++)
        {
            var tail = branch.Tails[t];
            // X = σ' rᵀ on the reduced vector, then σ = Mᵀ σ'.
            for (var c = 0; c < lanes; c += T.Count)
                for (var a = 0; a < 4; a++)
                    for (var b = 0; b < 4; b++)
                        T.Store(ref At(ws.Correlation, (4 * a + b) * lanes + c), LoadAt(ws.TailSigma, (4 * t + a) * lanes + c) * LoadAt(ws.Reduced, (4 * t + b) * lanes + c));
            FactorGradients(tail.Factors, ws.Correlation);
            if (!branch.Materialized) continue;
            var shift = 2 * tail.Qubit;
            for (var c = 0; c < lanes; c += T.Count)
                for (var b = 0; b < 4; b++)
                {
                    T sum = default;
                    for (var a = 0; a < 4; a++)
                        sum = T.MulAdd(LoadAt(ws.Matrices, (tail.MatrixSlot * 16 + 4 * a + b) * lanes + c), LoadAt(ws.TailSigma, (4 * t + a) * lanes + c), sum);
                    ref var target = ref Unsafe.Add(ref MemoryMarshal.GetReference(sigma), (b << shift) * lanes + c);
                    T.Store(ref target, T.Load(ref target) + sum);
                }
        }
        if (branch.Materialized && branch.Readout is { } run)
        {
            var scratch = ws.Scratch.AsSpan(0, stateLength);
            sigma.CopyTo(scratch);
            PauliKernels.Gather<T>(scratch, sigma, run.AdjointSource, run.AdjointScale, lanes);
        }
    }
}

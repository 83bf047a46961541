using System.Collections.Immutable;
using QSan.Quantum.Circuits;
using QSan.Quantum.Noise;

namespace QSan.Quantum.Engine.Density;

/// <summary>One factor of a fused single-qubit map: a rotation by a per-lane angle, or a fixed transfer matrix.</summary>
/// <param name="Angle">Index into <see cref="PauliProgram.Angles"/>, or −1 for a fixed factor.</param>
/// <param name="PlaneA">The rotation's first Bloch component (see <see cref="PauliTransfer.RotationPlane"/>).</param>
/// <param name="PlaneB">Its second.</param>
/// <param name="Fixed">The fixed transfer matrix (row-major 4×4).</param>
/// <param name="Diagonal">Whether <paramref name="Fixed"/> is diagonal (Pauli channels): applied as a row scaling.</param>
internal sealed record TransferFactor(int Angle, int PlaneA, int PlaneB, double[]? Fixed, bool Diagonal)
{
    public bool IsRotation => Angle >= 0;
}

/// <summary>
/// A fused map whose matrix depends on a circuit's inputs, in matrix slot <paramref name="Slot"/>. With
/// <paramref name="SharedSlot"/> ≥ 0, <paramref name="Factors"/>[<paramref name="Split"/>..] (no input rotation among them)
/// are multiplied once per call into that slot, and each circuit applies the rotations <paramref name="Factors"/>[..Split]
/// to it from the right; otherwise every factor is applied per circuit.
/// </summary>
internal sealed record LaneMatrixOp(ImmutableArray<TransferFactor> Factors, int Slot, int SharedSlot, int Split);

/// <summary>A per-lane angle θ = Scale · value + Offset, the value an input (per circuit) or a weight (shared).</summary>
internal sealed record LaneAngle(SlotKind Kind, int Slot, double Scale, double Offset);

/// <summary>A step on the Pauli-basis state.</summary>
internal abstract record PauliOp;

/// <summary>The product state ⊗_q F_q(|0⟩⟨0|): qubit q's factors applied to its Bloch vector (1, 0, 0, 1), then the tensor product.</summary>
internal sealed record ProductOp(ImmutableArray<ImmutableArray<TransferFactor>> Factors) : PauliOp
{
    public bool Differentiable => Factors.Any(f => f.Any(x => x.IsRotation));
}

/// <summary>A fused single-qubit map (gates and channels) on qubit <paramref name="Qubit"/>, one pass over its groups of 4 coefficients.</summary>
internal sealed record FusedOp(int Qubit, ImmutableArray<TransferFactor> Factors, int MatrixSlot, bool Unital, int StoreSlot) : PauliOp
{
    public bool Differentiable => StoreSlot >= 0;
}

/// <summary>
/// Clifford two-qubit gates and Pauli channels in sequence: r'[i] = Scale[i] · r[Source[i]] (a signed permutation with the channels'
/// factors; no other arithmetic). The adjoint is the transposed gather.
/// </summary>
internal sealed record RunOp(int[] Source, double[] Scale, int[] AdjointSource, double[] AdjointScale) : PauliOp;

/// <summary>A measured qubit's map after its last entangling gate, applied to its reduced Bloch vector only.</summary>
internal sealed record Tail(int Qubit, ImmutableArray<TransferFactor> Factors, int MatrixSlot);

/// <summary>One expectation: Σ_b Weights[b] · (tail-mapped reduced vector)[b]; <paramref name="Tail"/> −1 for the identity (always 1).</summary>
internal sealed record ObservableReading(int Tail, double[] Weights);

/// <summary>A branch: its steps from the prefix state, whether a full state exists at its end, its tails and readings.</summary>
/// <param name="Ops">Steps on the full state, starting from the prefix's (or, when the prefix has none, with a product state).</param>
/// <param name="Materialized">Whether a full state exists at measurement; otherwise every measured qubit starts from |0⟩.</param>
/// <param name="Tails">The measured qubits' maps after their last entangling gate.</param>
/// <param name="Observables">The branch's expectations, in order.</param>
/// <param name="ObservableOffset">Where the branch's expectations start in a circuit's row.</param>
/// <param name="Readout">The branch's final run, evaluated only at the 4n coefficients the reduced vectors need (null: none).</param>
internal sealed record BranchPlan(ImmutableArray<PauliOp> Ops, bool Materialized, RunOp? Readout, ImmutableArray<Tail> Tails,
    ImmutableArray<ObservableReading> Observables, int ObservableOffset);

/// <summary>
/// A branched circuit compiled against a noise model for the Pauli-basis engine: single-qubit gates and channels between
/// entangling gates fuse into one transfer matrix per qubit (the prefix's trailing ones move into every branch); Clifford
/// gates and Pauli channels between them fuse into one signed permutation with scales; the leading single-qubit layer on
/// |0…0⟩ is a product state; after each measured qubit's last entangling gate only its reduced Bloch vector is kept.
/// </summary>
internal sealed class PauliProgram
{
    public PauliProgram(BranchedCircuit circuit, NoiseModel noise)
    {
        Qubits = circuit.QubitCount;
        Length = 1 << (2 * Qubits);
        InputCount = circuit.InputCount;
        WeightCount = circuit.WeightCount;
        ObservableCount = circuit.ObservableCount;
        var one = ChannelFactor(noise.AfterSingleQubitGates);
        var two = ChannelFactor(noise.AfterTwoQubitGates);
        var measure = ChannelFactor(noise.BeforeMeasurement);
        var compiler = new Compiler(this, one, two, noise.PairShrink);

        var prefix = compiler.NewSegment(materialized: false, carried: null, storeBase: 0);
        prefix.Add(circuit.Prefix.Gates, weightOffset: 0);
        PrefixOps = prefix.Close();
        PrefixMaterialized = prefix.Materialized;
        var prefixStores = prefix.Stores;

        var branches = ImmutableArray.CreateBuilder<BranchPlan>();
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            var segment = compiler.NewSegment(PrefixMaterialized, prefix.Pending, prefixStores);
            segment.Add(branch.Ansatz.Gates, circuit.WeightOffset(b));
            var readout = segment.CloseAtMeasurement();
            var tails = new List<Tail>();
            var readings = ImmutableArray.CreateBuilder<ObservableReading>();
            foreach (var o in branch.Observables)
            {
                if (o.Pauli == Pauli.I)
                {
                    readings.Add(new ObservableReading(-1, [1, 0, 0, 0]));
                    continue;
                }
                var t = tails.FindIndex(x => x.Qubit == o.Qubit);
                if (t < 0)
                {
                    t = tails.Count;
                    tails.Add(new Tail(o.Qubit, segment.PendingOn(o.Qubit), compiler.MatrixSlots++));
                }
                readings.Add(new ObservableReading(t, Effective(o.Pauli, one, measure, noise.ReadoutError)));
            }
            branches.Add(new BranchPlan(segment.Ops, segment.Materialized, readout, [.. tails], readings.ToImmutable(), circuit.ObservableOffset(b)));
            StoreSlots = Math.Max(StoreSlots, segment.Stores);
        }
        Branches = branches.ToImmutable();
        StoreSlots = Math.Max(StoreSlots, prefixStores);
        Angles = [.. compiler.Angles];
        MaxFactors = compiler.MaxFactors;
        var matrixOps = PrefixOps.Concat(Branches.SelectMany(b => b.Ops)).OfType<FusedOp>().Select(f => (f.Factors, f.MatrixSlot))
            .Concat(Branches.SelectMany(b => b.Tails).Select(t => (t.Factors, t.MatrixSlot))).ToList();
        bool PerLane(TransferFactor f) => f.IsRotation && Angles[f.Angle].Kind == SlotKind.Input;
        var lane = ImmutableArray.CreateBuilder<LaneMatrixOp>();
        var shared = ImmutableArray.CreateBuilder<(ImmutableArray<TransferFactor> Factors, int Slot)>();
        foreach (var (factors, slot) in matrixOps)
        {
            var split = factors.Length;
            while (split > 0 && !PerLane(factors[split - 1])) split--;
            if (split == 0)
            {
                shared.Add((factors, slot));
                continue;
            }
            // The input rotations usually come first (the encoder's last layer, fused into a weight-only ansatz layer):
            // the weight-only rest is then one shared matrix per call, and each circuit only turns two of its columns.
            if (split < factors.Length && factors[..split].All(f => f.IsRotation))
            {
                var suffixSlot = compiler.MatrixSlots++;
                shared.Add(([.. factors[split..]], suffixSlot));
                lane.Add(new LaneMatrixOp(factors, slot, suffixSlot, split));
            }
            else lane.Add(new LaneMatrixOp(factors, slot, -1, factors.Length));
        }
        LaneMatrixOps = lane.ToImmutable();
        SharedMatrixOps = shared.ToImmutable();
        MatrixSlots = compiler.MatrixSlots;
        LaneAngles = [.. Enumerable.Range(0, Angles.Length).Where(a => Angles[a].Kind == SlotKind.Input)];
        SharedAngles = [.. Enumerable.Range(0, Angles.Length).Where(a => Angles[a].Kind != SlotKind.Input)];
        ForwardFlops = PauliFlops.Forward(this);
    }

    public int Qubits { get; }

    /// <summary>Coefficients of the state: 4ⁿ.</summary>
    public int Length { get; }

    public int InputCount { get; }

    public int WeightCount { get; }

    public int ObservableCount { get; }

    public ImmutableArray<PauliOp> PrefixOps { get; }

    /// <summary>Whether the prefix produces a full state (it has an entangling gate); otherwise every branch starts from its own product state.</summary>
    public bool PrefixMaterialized { get; }

    public ImmutableArray<BranchPlan> Branches { get; }

    public ImmutableArray<LaneAngle> Angles { get; }

    /// <summary>Per-lane transfer matrices (fused ops and tails).</summary>
    public int MatrixSlots { get; }

    /// <summary>States kept for the adjoint sweep (before each differentiable fused op on one path).</summary>
    public int StoreSlots { get; }

    public int MaxFactors { get; }

    /// <summary>Floating-point operations of one circuit's forward evaluation, counted from what the kernels execute.</summary>
    public long ForwardFlops { get; }

    /// <summary>Fused ops and tails whose matrices depend on a circuit's inputs: built for every block.</summary>
    public ImmutableArray<LaneMatrixOp> LaneMatrixOps { get; }

    /// <summary>
    /// Fused ops and tails on weights and constants only, and the weight-only ends of <see cref="LaneMatrixOps"/>: the same
    /// for every circuit, built once per chunk of a call.
    /// </summary>
    public ImmutableArray<(ImmutableArray<TransferFactor> Factors, int Slot)> SharedMatrixOps { get; }

    /// <summary>Angles that read inputs (per circuit).</summary>
    public ImmutableArray<int> LaneAngles { get; }

    /// <summary>Angles on weights (the same for every circuit of a call).</summary>
    public ImmutableArray<int> SharedAngles { get; }

    // The channels that follow a gate on a qubit, fused into one transfer matrix (null: none).
    private static double[]? ChannelFactor(ImmutableArray<NoiseChannel> channels)
    {
        double[]? r = null;
        foreach (var c in channels.Where(c => !c.IsIdentity))
            r = PauliTransfer.Multiply(PauliTransfer.OfSuperoperator(c.Superoperator()), r ?? PauliTransfer.Identity);
        return r;
    }

    // The dual weights a measurement of P reads: readout error, the channels before measurement, and the basis change
    // (H for X; S† then H for Y) with the single-qubit gate channel after each of its gates, pulled back onto the qubit's state.
    private static double[] Effective(Pauli pauli, double[]? one, double[]? measure, double readout)
    {
        double[] w = [0, 0, 0, 1 - 2 * readout];
        if (measure is not null) w = PauliTransfer.PullBack(measure, w);
        GateKind[] basis = pauli switch { Pauli.X => [GateKind.H], Pauli.Y => [GateKind.SAdj, GateKind.H], _ => [] };
        for (var i = basis.Length - 1; i >= 0; i--)
        {
            if (one is not null) w = PauliTransfer.PullBack(one, w);
            w = PauliTransfer.PullBack(PauliTransfer.OfGate(basis[i], 0), w);
        }
        return w;
    }

    private sealed class Compiler(PauliProgram program, double[]? one, double[]? two, double pairShrink)
    {
        private readonly Dictionary<GateKind, (int, int, double)[]> cliffords = [];

        public List<LaneAngle> Angles { get; } = [];

        public int MatrixSlots { get; set; }

        public int MaxFactors { get; set; }

        public Segment NewSegment(bool materialized, ImmutableArray<TransferFactor>[]? carried, int storeBase) =>
            new(this, materialized, carried, storeBase);

        public (int, int, double)[] Clifford(GateKind kind)
        {
            if (!cliffords.TryGetValue(kind, out var images)) cliffords[kind] = images = PauliTransfer.CliffordImages(kind);
            return images;
        }

        public TransferFactor Rotation(GateKind kind, AngleSource angle, int weightOffset)
        {
            var (a, b) = PauliTransfer.RotationPlane(kind);
            Angles.Add(new LaneAngle(angle.Kind, angle.Kind == SlotKind.Weight ? weightOffset + angle.Slot : angle.Slot, angle.Scale, angle.Offset));
            return new TransferFactor(Angles.Count - 1, a, b, null, false);
        }

        public int Qubits => program.Qubits;

        public int Length => program.Length;

        public double[]? One => one;

        public double[]? Two => two;

        /// <summary>What a pair channel after two-qubit gates leaves of the strings that act on the pair (1: none).</summary>
        public double PairShrink => pairShrink;
    }

    /// <summary>Compiles one segment (the prefix, or a branch) gate by gate.</summary>
    private sealed class Segment
    {
        private readonly Compiler compiler;
        private readonly List<TransferFactor>[] pending;
        private readonly ImmutableArray<PauliOp>.Builder ops = ImmutableArray.CreateBuilder<PauliOp>();
        private int[]? runSource;
        private double[]? runScale;

        public Segment(Compiler compiler, bool materialized, ImmutableArray<TransferFactor>[]? carried, int storeBase)
        {
            this.compiler = compiler;
            Materialized = materialized;
            Stores = storeBase;
            pending = new List<TransferFactor>[compiler.Qubits];
            for (var q = 0; q < pending.Length; q++) pending[q] = carried is null ? [] : [.. carried[q]];
        }

        public bool Materialized { get; private set; }

        /// <summary>Store slots used up to the end of this segment.</summary>
        public int Stores { get; private set; }

        public ImmutableArray<PauliOp> Ops => ops.ToImmutable();

        /// <summary>Qubit <paramref name="qubit"/>'s factors not yet applied to the state, simplified.</summary>
        public ImmutableArray<TransferFactor> PendingOn(int qubit) => Simplify(pending[qubit]);

        /// <summary>Single-qubit factors not yet applied to the state, per qubit.</summary>
        public ImmutableArray<TransferFactor>[] Pending => [.. pending.Select(p => p.ToImmutableArray())];

        public void Add(ImmutableArray<Gate> gates, int weightOffset)
        {
            for (var i = 0; i < gates.Length; i++)
            {
                // Before a stretch of entangling gates, apply what is pending on every qubit it touches: flushed one gate
                // at a time, a qubit's map would cut the stretch into several runs (a CNOT ring into three gathers).
                if (Materialized && gates[i].Kind.IsTwoQubit() && (i == 0 || !gates[i - 1].Kind.IsTwoQubit()))
                    for (var j = i; j < gates.Length && gates[j].Kind.IsTwoQubit(); j++)
                    {
                        Flush(gates[j].Qubit);
                        Flush(gates[j].Target);
                    }
                Add(gates[i], weightOffset);
            }
        }

        private void Add(Gate g, int weightOffset)
        {
            if (g.Kind.IsTwoQubit())
            {
                Entangle(g.Kind, g.Qubit, g.Target);
                if (compiler.PairShrink != 1)
                {
                    // A pair channel is diagonal in the Pauli basis: it joins the run the gate just opened.
                    var onPair = (3 << 2 * g.Qubit) | (3 << 2 * g.Target);
                    for (var i = 0; i < runScale!.Length; i++)
                        if ((i & onPair) != 0) runScale[i] *= compiler.PairShrink;
                }
                if (compiler.Two is { } two)
                {
                    Channel(g.Qubit, two);
                    Channel(g.Target, two);
                }
                return;
            }
            pending[g.Qubit].Add(g.Kind.IsRotation() && g.Angle.Kind != SlotKind.Constant && g.Angle.Scale != 0
                ? compiler.Rotation(g.Kind, g.Angle, weightOffset)
                : Fixed(PauliTransfer.OfGate(g.Kind, g.Kind.IsRotation() ? g.Angle.Offset : 0)));
            if (compiler.One is { } one) Channel(g.Qubit, one);
        }

        /// <summary>Ends the prefix: the open run is applied; pending factors are carried into the branches.</summary>
        public ImmutableArray<PauliOp> Close()
        {
            CloseRun();
            return Ops;
        }

        /// <summary>Ends a branch: its last run is only read at the coefficients the measured qubits need.</summary>
        public RunOp? CloseAtMeasurement()
        {
            if (runSource is null) return null;
            var run = MakeRun();
            runSource = null;
            return run;
        }

        private static TransferFactor Fixed(double[] m) => new(-1, 0, 0, m, PauliTransfer.IsDiagonal(m));

        private void Channel(int qubit, double[] channel)
        {
            // A Pauli channel on a qubit whose earlier steps are all applied joins the open run (one multiply per coefficient).
            if (Materialized && pending[qubit].Count == 0 && PauliTransfer.IsDiagonal(channel))
            {
                OpenRun();
                var step = 1 << (2 * qubit);
                for (var i = 0; i < runScale!.Length; i++) runScale[i] *= channel[5 * (i / step & 3)];
                return;
            }
            pending[qubit].Add(Fixed(channel));
        }

        private void Entangle(GateKind kind, int first, int second)
        {
            if (!Materialized)
            {
                ops.Add(new ProductOp([.. pending.Select(p => Simplify(p))]));
                foreach (var p in pending) p.Clear();
                Materialized = true;
            }
            Flush(first);
            Flush(second);
            OpenRun();
            // r'[P'] = sign · r[P] where U P U† = sign P': the run's source for P' moves to P's.
            var images = compiler.Clifford(kind);
            var (s1, s2) = (2 * first, 2 * second);
            var source = new int[runSource!.Length];
            var scale = new double[runScale!.Length];
            for (var p = 0; p < 16; p++)
            {
                var (a2, b2, sign) = images[p];
                var (a, b) = (p & 3, p >> 2);
                var clear = ~((3 << s1) | (3 << s2));
                for (var rest = 0; rest < runSource.Length; rest++)
                {
                    if ((rest & ~clear) != 0) continue;
                    var from = rest | (a << s1) | (b << s2);
                    var to = rest | (a2 << s1) | (b2 << s2);
                    source[to] = runSource[from];
                    scale[to] = sign * runScale[from];
                }
            }
            (runSource, runScale) = (source, scale);
        }

        private void Flush(int qubit)
        {
            if (pending[qubit].Count == 0) return;
            CloseRun();
            var factors = Simplify(pending[qubit]);
            var store = factors.Any(f => f.IsRotation) ? Stores++ : -1;
            ops.Add(new FusedOp(qubit, factors, compiler.MatrixSlots++, factors.All(f => f.IsRotation || PauliTransfer.IsUnital(f.Fixed!)), store));
            pending[qubit].Clear();
        }

        // Adjacent fixed factors multiply into one at compile time. An even shrink (depolarizing) commutes with rotations, so
        // it waits for the next fixed factor or the end: a layer's channels then cost one scaling instead of one per gate.
        private ImmutableArray<TransferFactor> Simplify(List<TransferFactor> factors)
        {
            var result = ImmutableArray.CreateBuilder<TransferFactor>();
            void Append(TransferFactor f)
            {
                if (!f.IsRotation && result.Count > 0 && !result[^1].IsRotation) result[^1] = Fixed(PauliTransfer.Multiply(f.Fixed!, result[^1].Fixed!));
                else result.Add(f);
            }
            double[]? shrink = null;
            foreach (var f in factors)
            {
                if (!f.IsRotation && PauliTransfer.IsIsotropic(f.Fixed!))
                {
                    shrink = shrink is null ? f.Fixed : PauliTransfer.Multiply(f.Fixed!, shrink);
                    continue;
                }
                if (!f.IsRotation && shrink is not null)
                {
                    Append(Fixed(shrink));
                    shrink = null;
                }
                Append(f);
            }
            if (shrink is not null) Append(Fixed(shrink));
            compiler.MaxFactors = Math.Max(compiler.MaxFactors, result.Count);
            return result.ToImmutable();
        }

        private void OpenRun()
        {
            if (runSource is not null) return;
            runSource = [.. Enumerable.Range(0, compiler.Length)];
            runScale = [.. Enumerable.Repeat(1.0, compiler.Length)];
        }

        private void CloseRun()
        {
            if (runSource is null) return;
            ops.Add(MakeRun());
            runSource = null;
        }

        private RunOp MakeRun()
        {
            var adjointSource = new int[runSource!.Length];
            var adjointScale = new double[runSource.Length];
            for (var i = 0; i < runSource.Length; i++)
            {
                adjointSource[runSource[i]] = i;
                adjointScale[runSource[i]] = runScale![i];
            }
            return new RunOp(runSource, runScale!, adjointSource, adjointScale);
        }
    }
}

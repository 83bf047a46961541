using System.Collections.Immutable;
using System.Numerics;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine.Simd;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Turns a <see cref="BranchedCircuit"/> into a <see cref="CompiledCircuit"/>: product-state start, fused
/// single-qubit blocks, CNOT/SWAP as index relabelling, CZ as sign flips, and measurement tails folded into
/// the reduced density matrices.
/// </summary>
internal static class CircuitCompiler
{
    /// <summary>Beyond this a block's state no longer fits 32-bit indices (and would need tens of GiB anyway).</summary>
    public const int MaxQubits = 24;

    public static CompiledCircuit Compile(BranchedCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        circuit.Validate();
        var n = circuit.QubitCount;
        if (n > MaxQubits)
            throw new ArgumentException($"The native engine simulates at most {MaxQubits} qubits; '{circuit.Prefix.Name}' has {n}.", nameof(circuit));
        var builder = new Builder(n);
        var branches = circuit.Branches;

        List<Gate> BranchGates(int b)
        {
            var offset = circuit.WeightOffset(b);
            return branches[b].Ansatz.Gates
                .Select(g => g.Angle.Kind == SlotKind.Weight ? g with { Angle = g.Angle with { Slot = g.Angle.Slot + offset } } : g)
                .ToList();
        }

        CircuitSegment? prefix = null;
        var compiled = ImmutableArray.CreateBuilder<CircuitSegment>(branches.Length);
        if (branches.Length == 1)
        {
            // One branch: nothing to share, so run prefix and branch as one program (more fusion, no state copy).
            var gates = circuit.Prefix.Gates.Concat(BranchGates(0)).ToList();
            compiled.Add(builder.Segment(gates, fromZero: true, BitPermutation.Identity(n), branches[0], 0, out _));
        }
        else if (branches.Length > 1)
        {
            var (kept, moved) = SplitPrefixTail(circuit);
            prefix = builder.Segment(kept, fromZero: true, BitPermutation.Identity(n), null, 0, out var permutation);
            for (var b = 0; b < branches.Length; b++)
            {
                var gates = moved.Concat(BranchGates(b)).ToList();
                compiled.Add(builder.Segment(gates, fromZero: false, permutation.Clone(), branches[b], circuit.ObservableOffset(b), out _));
            }
        }

        return new CompiledCircuit(n, circuit.InputCount, circuit.WeightCount, circuit.ObservableCount,
            builder.Rotations.ToImmutable(), builder.SharedFactors.ToImmutable(), builder.MatrixSlots, builder.TailSlots,
            prefix, compiled.MoveToImmutable());
    }

    /// <summary>
    /// Moves the prefix's trailing single-qubit gates of a qubit into every branch when each branch starts that
    /// qubit with single-qubit gates (or never touches it): there they fuse with the branch's first block for free
    /// instead of costing the prefix a pass. Qubits without two-qubit gates in the prefix stay in its product state.
    /// </summary>
    private static (List<Gate> Kept, List<Gate> Moved) SplitPrefixTail(BranchedCircuit circuit)
    {
        var n = circuit.QubitCount;
        var gates = circuit.Prefix.Gates;
        var lastTwoQubit = Enumerable.Repeat(-1, n).ToArray();
        for (var i = 0; i < gates.Length; i++)
            if (gates[i].Kind.IsTwoQubit())
                lastTwoQubit[gates[i].Qubit] = lastTwoQubit[gates[i].Target] = i;

        var movable = new bool[n];
        for (var q = 0; q < n; q++)
        {
            movable[q] = lastTwoQubit[q] >= 0 && circuit.Branches.All(b =>
            {
                var first = b.Ansatz.Gates.FirstOrDefault(g => g.Qubit == q || (g.Kind.IsTwoQubit() && g.Target == q), new Gate(GateKind.H, -1));
                return first.Qubit < 0 || !first.Kind.IsTwoQubit();
            });
        }

        var kept = new List<Gate>();
        var moved = new List<Gate>();
        for (var i = 0; i < gates.Length; i++)
        {
            var g = gates[i];
            if (!g.Kind.IsTwoQubit() && movable[g.Qubit] && i > lastTwoQubit[g.Qubit]) moved.Add(g);
            else kept.Add(g);
        }
        return (kept, moved);
    }

    private sealed class Builder(int qubits)
    {
        private static readonly ImmutableHashSet<GateKind> RealKinds = [GateKind.H, GateKind.X, GateKind.Y, GateKind.Z, GateKind.Ry];
        private static readonly ImmutableHashSet<GateKind> DiagonalKinds = [GateKind.Z, GateKind.S, GateKind.SAdj, GateKind.T, GateKind.TAdj, GateKind.Rz];

        private readonly int dimension = 1 << qubits;

        public ImmutableArray<Rotation>.Builder Rotations { get; } = ImmutableArray.CreateBuilder<Rotation>();

        public ImmutableArray<ImmutableArray<OpGate>>.Builder SharedFactors { get; } = ImmutableArray.CreateBuilder<ImmutableArray<OpGate>>();

        public int MatrixSlots { get; private set; }

        public int TailSlots { get; private set; }

        public CircuitSegment Segment(List<Gate> gates, bool fromZero, BitPermutation permutation, CircuitBranch? measured,
            int observableOffset, out BitPermutation finalPermutation)
        {
            var ops = new List<NativeOp>();
            var rest = gates;
            if (fromZero)
            {
                var leading = Enumerable.Range(0, qubits).Select(_ => new List<OpGate>()).ToArray();
                var entangled = new bool[qubits];
                rest = [];
                foreach (var g in gates)
                {
                    if (!g.Kind.IsTwoQubit() && !entangled[g.Qubit])
                    {
                        if (!IsGlobalPhase(g, leading[g.Qubit])) leading[g.Qubit].Add(Register(g));
                        continue;
                    }
                    if (g.Kind.IsTwoQubit()) entangled[g.Qubit] = entangled[g.Target] = true;
                    rest.Add(g);
                }
                ops.Add(new ProductLayerOp([.. leading.Select(l => l.ToImmutableArray())], [.. leading.Select(PerLane)],
                    [.. leading.Select(l => PerLane(l) ? Factorise(l) : [])]));
            }

            var pending = Enumerable.Range(0, qubits).Select(_ => new List<OpGate>()).ToArray();
            void Flush(int q)
            {
                if (pending[q].Count == 0) return;
                ops.Add(Fuse(q, pending[q], permutation));
                pending[q] = [];
            }

            foreach (var g in rest)
            {
                if (!g.Kind.IsTwoQubit())
                {
                    pending[g.Qubit].Add(Register(g));
                    continue;
                }
                Flush(g.Qubit);
                Flush(g.Target);
                switch (g.Kind)
                {
                    case GateKind.Cx: permutation.ApplyCnot(g.Qubit, g.Target); break;
                    case GateKind.Swap: permutation.ApplySwap(g.Qubit, g.Target); break;
                    case GateKind.Cz: ops.Add(new ControlledZOp(IndexSet.Both(dimension, permutation.Row(g.Qubit), permutation.Row(g.Target)))); break;
                    default: throw new InvalidOperationException($"Unexpected two-qubit gate {g}.");
                }
            }

            var measuredQubits = ImmutableArray.CreateBuilder<MeasuredQubit>();
            var observables = ImmutableArray.CreateBuilder<BranchObservable>();
            if (measured is null)
            {
                for (var q = 0; q < qubits; q++) Flush(q);
            }
            else
            {
                // Pending gates on unmeasured qubits are dropped: they cannot change other qubits' reduced states.
                var index = new Dictionary<int, int>();
                foreach (var o in measured.Observables)
                {
                    if (o.Pauli == Pauli.I)
                    {
                        observables.Add(new BranchObservable(o.Pauli, -1));
                        continue;
                    }
                    if (!index.TryGetValue(o.Qubit, out var m))
                    {
                        m = index[o.Qubit] = measuredQubits.Count;
                        var tail = pending[o.Qubit];
                        measuredQubits.Add(new MeasuredQubit(o.Qubit,
                            IndexSet.Pairs(dimension, permutation.Row(o.Qubit), permutation.Column(o.Qubit)),
                            [.. tail], PerLane(tail), TailSlots++));
                    }
                    observables.Add(new BranchObservable(o.Pauli, m));
                }
            }

            finalPermutation = permutation;
            return new CircuitSegment(fromZero, [.. ops], measuredQubits.ToImmutable(), observables.ToImmutable(), observableOffset);
        }

        /// <summary>
        /// Whether a leading rotation only multiplies the state by a phase: the qubit's vector, still fixed at compile
        /// time (only angle-free gates so far), is an eigenvector of the rotation's Pauli, e.g. RX right after H.
        /// Dropping it changes no expectation, and its exact gradient is zero.
        /// </summary>
        private static bool IsGlobalPhase(Gate gate, List<OpGate> before)
        {
            if (!gate.Kind.IsRotation() || before.Any(g => g.IsRotation)) return false;
            var v = LaneMatrix<Lanes1>.Identity;
            foreach (var g in before) v = LaneMatrix<Lanes1>.Multiply(LaneMatrix<Lanes1>.Fixed(g.Kind), v);
            var (v0, v1) = (new Complex(v.R00.Value, v.I00.Value), new Complex(v.R10.Value, v.I10.Value));
            // P v = ±v for P = X, Y, Z respectively: compare P v with v up to sign.
            var (p0, p1) = gate.Kind switch
            {
                GateKind.Rx => (v1, v0),
                GateKind.Ry => (-Complex.ImaginaryOne * v1, Complex.ImaginaryOne * v0),
                _ => (v0, -v1),
            };
            const double tolerance = 1e-14;
            return ((p0 - v0).Magnitude < tolerance && (p1 - v1).Magnitude < tolerance)
                || ((p0 + v0).Magnitude < tolerance && (p1 + v1).Magnitude < tolerance);
        }

        private bool PerLane(List<OpGate> gates) => gates.Any(g => g.IsRotation && Rotations[g.Rotation].PerLane);

        private OpGate Register(Gate g)
        {
            if (!g.Kind.IsRotation()) return new OpGate(g.Kind, -1);
            Rotations.Add(new Rotation(g.Angle));
            return new OpGate(g.Kind, Rotations.Count - 1);
        }

        private SingleQubitOp Fuse(int qubit, List<OpGate> gates, BitPermutation permutation)
        {
            var form = gates.All(g => RealKinds.Contains(g.Kind)) ? MatrixForm.Real
                : gates.All(g => DiagonalKinds.Contains(g.Kind)) ? MatrixForm.Diagonal
                : MatrixForm.Complex;
            var perLane = PerLane(gates);
            var pairs = IndexSet.Pairs(dimension, permutation.Row(qubit), permutation.Column(qubit));
            return new SingleQubitOp(qubit, form, perLane, [.. gates], perLane ? Factorise(gates) : [], pairs, MatrixSlots++);
        }

        /// <summary>Splits a per-lane block into input rotations and runs of shared gates (multiplied once per call).</summary>
        private ImmutableArray<MatrixFactor> Factorise(List<OpGate> gates)
        {
            var factors = ImmutableArray.CreateBuilder<MatrixFactor>();
            var run = new List<OpGate>();
            void EndRun()
            {
                if (run.Count == 0) return;
                SharedFactors.Add([.. run]);
                factors.Add(new MatrixFactor(-1, default, SharedFactors.Count - 1));
                run = [];
            }
            foreach (var g in gates)
            {
                if (g.IsRotation && Rotations[g.Rotation].PerLane)
                {
                    EndRun();
                    factors.Add(new MatrixFactor(g.Rotation, g.Kind, -1));
                }
                else
                {
                    run.Add(g);
                }
            }
            EndRun();
            return factors.ToImmutable();
        }
    }
}

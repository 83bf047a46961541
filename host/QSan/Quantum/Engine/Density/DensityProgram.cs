using System.Collections.Immutable;
using System.Numerics;
using QSan.Quantum.Circuits;
using QSan.Quantum.Noise;

namespace QSan.Quantum.Engine;

public sealed partial class DensityMatrixEngine
{
    private enum OpKind { Fixed, Rotation, Permutation, ControlledZ, Channel, Pauli }

    /// <summary>One step on the density matrix: a gate or a (fused) channel on one qubit.</summary>
    private sealed record Op(OpKind Kind, int Qubit, int Target = -1, Matrix2 Matrix = default, GateKind Gate = GateKind.H,
        AngleSource Angle = default, Complex[]? Superoperator = null, Complex[]? AdjointSuperoperator = null,
        double Px = 0, double Py = 0, double Pz = 0, Func<int, int>? Permutation = null, BlockChannel? Noise = null)
    {
        public bool Differentiable => Kind == OpKind.Rotation && Angle.Kind != SlotKind.Constant && Angle.Scale != 0;

        public Pauli Axis => Gate switch { GateKind.Rx => Pauli.X, GateKind.Ry => Pauli.Y, _ => Pauli.Z };
    }

    /// <summary>A branch's steps and the effective 2×2 observable of each of its measurements (basis change, noise and readout folded in).</summary>
    private sealed record BranchProgram(ImmutableArray<Op> Ops, ImmutableArray<(int Qubit, Matrix2 Observable)> Observables, int WeightOffset, int WeightCount, int ObservableOffset);

    /// <summary>A circuit compiled against a noise model.</summary>
    private sealed class Program
    {
        private readonly ImmutableArray<Op> prefix;
        private readonly ImmutableArray<BranchProgram> branches;
        private readonly int qubits;

        public Program(BranchedCircuit circuit, NoiseModel noise)
        {
            qubits = circuit.QubitCount;
            Dimension = 1 << qubits;
            var one = Fuse(noise.AfterSingleQubitGates);
            var two = Fuse(noise.AfterTwoQubitGates);
            var measure = Fuse(noise.BeforeMeasurement);
            prefix = Compile(circuit.Prefix.Gates, one, two);
            var list = ImmutableArray.CreateBuilder<BranchProgram>();
            for (var b = 0; b < circuit.Branches.Length; b++)
            {
                var branch = circuit.Branches[b];
                var observables = branch.Observables.Select(o => (o.Qubit, Effective(o.Pauli, one, measure, noise.ReadoutError))).ToImmutableArray();
                list.Add(new BranchProgram(Compile(branch.Ansatz.Gates, one, two), observables, circuit.WeightOffset(b), branch.Ansatz.WeightCount, circuit.ObservableOffset(b)));
            }
            branches = list.ToImmutable();
            long entries = (long)Dimension * Dimension;
            long Cost(Op op) => op.Kind switch
            {
                OpKind.Fixed or OpKind.Rotation => entries * 4 * 8 / 2 + (op.Noise is null ? 0 : op.Noise.Superoperator is null ? entries * 2 * 2 : entries * 4 * 8),  // U B U† per 2×2 block: 16 complex multiply-adds per 4 entries
                OpKind.Channel => entries * 4 * 8,                    // 16 multiply-adds per 4 entries
                OpKind.Pauli => entries * 2 * 2,                      // 2 real-by-complex products per entry
                _ => 0,
            };
            ForwardFlops = prefix.Sum(Cost) + branches.Sum(b => b.Ops.Sum(Cost) + entries * 2 + (long)b.Observables.Length * Dimension * 8);
            var rotations = prefix.Count(o => o.Differentiable) + branches.Max(b => b.Ops.Count(o => o.Differentiable));
            StoredStateBytes = entries * 16 * rotations;
        }

        public int Dimension { get; }

        public long ForwardFlops { get; }

        public long StoredStateBytes { get; }

        public void Forward(DensityWorkspace ws, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
        {
            Prepare(ws.Prefix);
            foreach (var op in prefix) Apply(op, ws.Prefix, ws.Scratch, inputs, weights);
            foreach (var branch in branches)
            {
                ws.Prefix.CopyTo(ws.State, 0);
                var own = weights.Slice(branch.WeightOffset, branch.WeightCount);
                foreach (var op in branch.Ops) Apply(op, ws.State, ws.Scratch, inputs, own);
                for (var k = 0; k < branch.Observables.Length; k++)
                    expectations[branch.ObservableOffset + k] = DensityKernels.Expectation(ws.State, Dimension, branch.Observables[k].Qubit, branch.Observables[k].Observable);
            }
        }

        public void Vjp(DensityWorkspace ws, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, ReadOnlySpan<double> cotangents,
            Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
        {
            inputGradients.Clear();
            weightGradients.Clear();
            // Forward through the prefix, keeping the state after each differentiable rotation.
            Prepare(ws.Prefix);
            var stored = 0;
            foreach (var op in prefix)
            {
                if (op.Differentiable) ws.Prefix.CopyTo(ws.StoredAt(stored++), 0);
                Apply(op, ws.Prefix, ws.Scratch, inputs, weights);
            }
            var prefixStored = stored;
            Array.Clear(ws.PrefixSigma);
            foreach (var branch in branches)
            {
                ws.Prefix.CopyTo(ws.State, 0);
                stored = prefixStored;
                var own = weights.Slice(branch.WeightOffset, branch.WeightCount);
                foreach (var op in branch.Ops)
                {
                    if (op.Differentiable) ws.State.CopyTo(ws.StoredAt(stored++), 0);
                    Apply(op, ws.State, ws.Scratch, inputs, own);
                }
                Array.Clear(ws.Sigma);
                for (var k = 0; k < branch.Observables.Length; k++)
                {
                    var (qubit, observable) = branch.Observables[k];
                    expectations[branch.ObservableOffset + k] = DensityKernels.Expectation(ws.State, Dimension, qubit, observable);
                    DensityKernels.AddObservable(ws.Sigma, Dimension, qubit, observable, cotangents[branch.ObservableOffset + k]);
                }
                // Backwards through the branch: the adjoint step, then the gradient against the state before the rotation
                // (Tr(σ P U ρ U†) = Tr(U†σU P ρ), as P commutes with exp(−iθP/2)).
                for (var i = branch.Ops.Length - 1; i >= 0; i--)
                {
                    var op = branch.Ops[i];
                    ApplyAdjoint(op, ws.Sigma, ws.Scratch, inputs, own);
                    if (op.Differentiable)
                        weightGradients[branch.WeightOffset + op.Angle.Slot] += op.Angle.Scale * DensityKernels.RotationDerivative(ws.Sigma, ws.Stored[--stored], Dimension, op.Qubit, op.Axis);
                }
                for (var k = 0; k < ws.Sigma.Length; k++) ws.PrefixSigma[k] += ws.Sigma[k];
            }
            stored = prefixStored;
            for (var i = prefix.Length - 1; i >= 0; i--)
            {
                var op = prefix[i];
                ApplyAdjoint(op, ws.PrefixSigma, ws.Scratch, inputs, weights);
                if (op.Differentiable)
                    inputGradients[op.Angle.Slot] += op.Angle.Scale * DensityKernels.RotationDerivative(ws.PrefixSigma, ws.Stored[--stored], Dimension, op.Qubit, op.Axis);
            }
        }

        private void Prepare(Complex[] rho)
        {
            Array.Clear(rho);
            rho[0] = 1;
        }

        private void Apply(Op op, Span<Complex> rho, Span<Complex> scratch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights)
        {
            switch (op.Kind)
            {
                case OpKind.Fixed: DensityKernels.GateBlock(rho, Dimension, op.Qubit, op.Matrix, op.Noise, adjoint: false); break;
                case OpKind.Rotation: DensityKernels.GateBlock(rho, Dimension, op.Qubit, Matrix2.Gate(op.Gate, op.Angle.Evaluate(inputs, weights)), op.Noise, adjoint: false); break;
                case OpKind.Permutation: DensityKernels.Permute(rho, scratch, Dimension, op.Permutation!); break;
                case OpKind.ControlledZ: DensityKernels.ControlledZ(rho, Dimension, op.Qubit, op.Target); break;
                case OpKind.Channel: DensityKernels.Channel(rho, Dimension, op.Qubit, op.Superoperator!); break;
                case OpKind.Pauli: DensityKernels.PauliChannel(rho, Dimension, op.Qubit, op.Px, op.Py, op.Pz); break;
            }
        }

        // The Heisenberg-picture step: σ → U† σ U for gates, σ → Σ K† σ K for channels (CNOT, SWAP, CZ and Pauli channels are their own adjoints).
        private void ApplyAdjoint(Op op, Span<Complex> sigma, Span<Complex> scratch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights)
        {
            switch (op.Kind)
            {
                case OpKind.Fixed: DensityKernels.GateBlock(sigma, Dimension, op.Qubit, op.Matrix.Adjoint, op.Noise, adjoint: true); break;
                case OpKind.Rotation: DensityKernels.GateBlock(sigma, Dimension, op.Qubit, Matrix2.Gate(op.Gate, op.Angle.Evaluate(inputs, weights)).Adjoint, op.Noise, adjoint: true); break;
                case OpKind.Channel: DensityKernels.Channel(sigma, Dimension, op.Qubit, op.AdjointSuperoperator!); break;
                default: Apply(op, sigma, scratch, inputs, weights); break;
            }
        }

        private static ImmutableArray<Op> Compile(ImmutableArray<Gate> gates, Op? one, Op? two)
        {
            var ops = ImmutableArray.CreateBuilder<Op>();
            foreach (var g in gates)
            {
                switch (g.Kind)
                {
                    case GateKind.Cx:
                    {
                        var (c, t) = (1 << g.Qubit, 1 << g.Target);
                        ops.Add(new Op(OpKind.Permutation, g.Qubit, g.Target, Permutation: i => (i & c) != 0 ? i ^ t : i));
                        break;
                    }
                    case GateKind.Swap:
                    {
                        var (a, b) = (g.Qubit, g.Target);
                        ops.Add(new Op(OpKind.Permutation, a, b, Permutation: i => ((i >> a & 1) == (i >> b & 1)) ? i : i ^ (1 << a) ^ (1 << b)));
                        break;
                    }
                    case GateKind.Cz: ops.Add(new Op(OpKind.ControlledZ, g.Qubit, g.Target)); break;
                    default:
                        ops.Add(g.Kind.IsRotation()
                            ? (g.Angle.Kind == SlotKind.Constant
                                ? new Op(OpKind.Fixed, g.Qubit, Matrix: Matrix2.Gate(g.Kind, g.Angle.Offset))
                                : new Op(OpKind.Rotation, g.Qubit, Gate: g.Kind, Angle: g.Angle))
                            : new Op(OpKind.Fixed, g.Qubit, Matrix: Matrix2.Gate(g.Kind, 0)));
                        break;
                }
                if (!g.Kind.IsTwoQubit())
                {
                    // A single-qubit gate and the channel after it act on the same 2×2 blocks: one pass does both.
                    if (one is not null) ops[^1] = ops[^1] with { Noise = new BlockChannel(one.Px, one.Py, one.Pz, one.Superoperator, one.AdjointSuperoperator) };
                    continue;
                }
                if (two is null) continue;
                ops.Add(two with { Qubit = g.Qubit });
                ops.Add(two with { Qubit = g.Target });
            }
            return ops.ToImmutable();
        }

        // Channels that follow one another on a qubit act as one map: a Pauli channel when all are (cheap and diagonal), a 4×4 superoperator otherwise.
        private static Op? Fuse(ImmutableArray<NoiseChannel> channels)
        {
            var active = channels.Where(c => !c.IsIdentity).ToList();
            if (active.Count == 0) return null;
            if (active.All(c => c.IsPauliChannel))
            {
                // Composition of Pauli channels: the Pauli-basis eigenvalues multiply.
                double fx = 1, fy = 1, fz = 1;
                foreach (var c in active)
                {
                    var (px, py, pz) = c.PauliProbabilities;
                    fx *= 1 - 2 * (py + pz);
                    fy *= 1 - 2 * (px + pz);
                    fz *= 1 - 2 * (px + py);
                }
                // λ_X = 1 − 2(py+pz) etc. ⇒ px = (1 + λx − λy − λz)/4, …
                return new Op(OpKind.Pauli, 0, Px: (1 + fx - fy - fz) / 4, Py: (1 - fx + fy - fz) / 4, Pz: (1 - fx - fy + fz) / 4);
            }
            var s = Identity4();
            foreach (var c in active) s = Multiply(c.Superoperator(), s);
            var flat = new Complex[16];
            var adjoint = new Complex[16];
            for (var i = 0; i < 4; i++)
                for (var j = 0; j < 4; j++)
                {
                    flat[4 * i + j] = s[i, j];
                    adjoint[4 * i + j] = Complex.Conjugate(s[j, i]);
                }
            return new Op(OpKind.Channel, 0, Superoperator: flat, AdjointSuperoperator: adjoint);
        }

        // The observable a measurement of P reads, pulled back (Heisenberg picture) through readout error, the channels before
        // measurement, and the basis change (H for X; S† then H for Y) with the single-qubit gate channels after each of its gates.
        private static Matrix2 Effective(Pauli pauli, Op? one, Op? measure, double readout)
        {
            if (pauli == Pauli.I) return Matrix2.Identity;
            var a = (1 - 2 * readout) * Matrix2.PauliZ;
            a = AdjointOn(measure, a);
            GateKind[] basis = pauli switch { Pauli.X => [GateKind.H], Pauli.Y => [GateKind.SAdj, GateKind.H], _ => [] };
            for (var i = basis.Length - 1; i >= 0; i--)
            {
                a = AdjointOn(one, a);
                var u = Matrix2.Gate(basis[i], 0);
                a = u.Adjoint * a * u;
            }
            return a;
        }

        private static Matrix2 AdjointOn(Op? channel, Matrix2 a)
        {
            if (channel is null) return a;
            Span<Complex> m = [a.A, a.B, a.C, a.D];
            if (channel.Kind == OpKind.Pauli) DensityKernels.PauliChannel(m, 2, 0, channel.Px, channel.Py, channel.Pz);
            else DensityKernels.Channel(m, 2, 0, channel.AdjointSuperoperator!);
            return new Matrix2(m[0], m[1], m[2], m[3]);
        }

        private static Complex[,] Identity4()
        {
            var s = new Complex[4, 4];
            for (var i = 0; i < 4; i++) s[i, i] = 1;
            return s;
        }

        private static Complex[,] Multiply(Complex[,] x, Complex[,] y)
        {
            var r = new Complex[4, 4];
            for (var i = 0; i < 4; i++)
                for (var j = 0; j < 4; j++)
                    for (var k = 0; k < 4; k++)
                        r[i, j] += x[i, k] * y[k, j];
            return r;
        }
    }
}

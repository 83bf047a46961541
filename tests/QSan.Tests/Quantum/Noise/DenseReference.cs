using System.Numerics;
using QSan.Quantum.Circuits;
using QSan.Quantum.Noise;

namespace QSan.Tests.Quantum.Noise;

/// <summary>
/// An independent noisy simulation for small registers: full 2ⁿ×2ⁿ matrices, gates as Kronecker products, channels as
/// Σ K ρ K† with each Kraus operator embedded in the register. Slow and obvious, for checking the engine.
/// </summary>
internal static class DenseReference
{
    public static double[] Expectations(BranchedCircuit circuit, NoiseModel noise, double[] inputs, double[] weights)
    {
        var n = circuit.QubitCount;
        var rho = new Complex[1 << n, 1 << n];
        rho[0, 0] = 1;
        rho = Run(rho, circuit.Prefix.Gates, n, noise, inputs, weights);
        var results = new List<double>();
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            var branchWeights = weights.AsSpan(circuit.WeightOffset(b), branch.Ansatz.WeightCount).ToArray();
            var state = Run(rho, branch.Ansatz.Gates, n, noise, inputs, branchWeights);
            foreach (var o in branch.Observables)
            {
                if (o.Pauli == Pauli.I) { results.Add(Trace(state).Real); continue; }
                GateKind[] basis = o.Pauli switch { Pauli.X => [GateKind.H], Pauli.Y => [GateKind.SAdj, GateKind.H], _ => [] };
                var measured = Run(state, [.. basis.Select(k => new Gate(k, o.Qubit))], n, noise, inputs, branchWeights);
                foreach (var c in noise.BeforeMeasurement) measured = ApplyChannel(measured, c, o.Qubit, n);
                var z = 0.0;
                for (var k = 0; k < 1 << n; k++) z += ((k >> o.Qubit & 1) == 0 ? 1 : -1) * measured[k, k].Real;
                results.Add((1 - 2 * noise.ReadoutError) * z);
            }
        }
        return [.. results];
    }

    /// <summary>
    /// The outcome distribution of <paramref name="program"/> (constant angles, every qubit measured at the end, bit q =
    /// qubit q) under <paramref name="noise"/>: the channels after each gate and before measurement, then each qubit's
    /// readout flipped independently with the model's readout error.
    /// </summary>
    public static double[] Probabilities(CircuitTemplate program, NoiseModel noise)
    {
        var n = program.QubitCount;
        var rho = new Complex[1 << n, 1 << n];
        rho[0, 0] = 1;
        rho = Run(rho, program.Gates, n, noise, [], []);
        for (var q = 0; q < n; q++)
            foreach (var c in noise.BeforeMeasurement) rho = ApplyChannel(rho, c, q, n);
        var p = new double[1 << n];
        for (var k = 0; k < p.Length; k++) p[k] = rho[k, k].Real;
        for (var q = 0; q < n; q++)
        {
            var flipped = new double[p.Length];
            for (var k = 0; k < p.Length; k++)
            {
                flipped[k] += (1 - noise.ReadoutError) * p[k];
                flipped[k ^ (1 << q)] += noise.ReadoutError * p[k];
            }
            p = flipped;
        }
        return p;
    }

    private static Complex[,] Run(Complex[,] rho, IEnumerable<Gate> gates, int n, NoiseModel noise, double[] inputs, double[] weights)
    {
        foreach (var g in gates)
        {
            var u = Unitary(g, n, inputs, weights);
            rho = Multiply(Multiply(u, rho), Dagger(u));
            var qubits = g.Kind.IsTwoQubit() ? new[] { g.Qubit, g.Target } : [g.Qubit];
            if (g.Kind.IsTwoQubit() && noise.PairDepolarizing != 0) rho = ApplyPairDepolarizing(rho, noise.PairDepolarizing, g.Qubit, g.Target, n);
            foreach (var q in qubits)
                foreach (var c in g.Kind.IsTwoQubit() ? noise.AfterTwoQubitGates : noise.AfterSingleQubitGates)
                    rho = ApplyChannel(rho, c, q, n);
        }
        return rho;
    }

    public static Complex[,] ApplyChannel(Complex[,] rho, NoiseChannel channel, int qubit, int n)
    {
        var size = 1 << n;
        var result = new Complex[size, size];
        foreach (var k in channel.Kraus())
        {
            var full = Embed(k, qubit, n);
            var term = Multiply(Multiply(full, rho), Dagger(full));
            for (var i = 0; i < size; i++) for (var j = 0; j < size; j++) result[i, j] += term[i, j];
        }
        return result;
    }

    /// <summary>
    /// A two-qubit depolarizing channel on (a, b) written as IonQ writes its simulator's: K₀₀ = √(1 − p) I⊗I and
    /// Kᵢⱼ = √(p/15) σᵢ⊗σⱼ for the 15 non-identity pairs (p = 15r/16 in IonQ's parameter r).
    /// </summary>
    public static Complex[,] ApplyPairDepolarizing(Complex[,] rho, double p, int a, int b, int n)
    {
        var i1 = Complex.ImaginaryOne;
        Complex[][,] paulis = [new Complex[,] { { 1, 0 }, { 0, 1 } }, new Complex[,] { { 0, 1 }, { 1, 0 } }, new Complex[,] { { 0, -i1 }, { i1, 0 } }, new Complex[,] { { 1, 0 }, { 0, -1 } }];
        var size = 1 << n;
        var result = new Complex[size, size];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
            {
                var weight = i == 0 && j == 0 ? 1 - p : p / 15;
                var k = Multiply(Embed(paulis[i], a, n), Embed(paulis[j], b, n));
                var term = Multiply(Multiply(k, rho), Dagger(k));
                for (var r = 0; r < size; r++) for (var c = 0; c < size; c++) result[r, c] += weight * term[r, c];
            }
        return result;
    }

    private static Complex[,] Unitary(Gate g, int n, double[] inputs, double[] weights)
    {
        var size = 1 << n;
        if (g.Kind.IsTwoQubit())
        {
            var u = new Complex[size, size];
            for (var i = 0; i < size; i++)
            {
                var (a, b) = ((i >> g.Qubit & 1) == 1, (i >> g.Target & 1) == 1);
                switch (g.Kind)
                {
                    case GateKind.Cx: u[a ? i ^ (1 << g.Target) : i, i] = 1; break;
                    case GateKind.Cz: u[i, i] = a && b ? -1 : 1; break;
                    default: u[a == b ? i : i ^ (1 << g.Qubit) ^ (1 << g.Target), i] = 1; break;
                }
            }
            return u;
        }
        var angle = g.Angle.Evaluate(inputs, weights);
        var (c, s) = (Math.Cos(angle / 2), Math.Sin(angle / 2));
        var h = Math.Sqrt(0.5);
        var i1 = Complex.ImaginaryOne;
        Complex[,] m = g.Kind switch
        {
            GateKind.H => new Complex[,] { { h, h }, { h, -h } },
            GateKind.X => new Complex[,] { { 0, 1 }, { 1, 0 } },
            GateKind.Y => new Complex[,] { { 0, -i1 }, { i1, 0 } },
            GateKind.Z => new Complex[,] { { 1, 0 }, { 0, -1 } },
            GateKind.S => new Complex[,] { { 1, 0 }, { 0, i1 } },
            GateKind.SAdj => new Complex[,] { { 1, 0 }, { 0, -i1 } },
            GateKind.T => new Complex[,] { { 1, 0 }, { 0, Complex.FromPolarCoordinates(1, Math.PI / 4) } },
            GateKind.TAdj => new Complex[,] { { 1, 0 }, { 0, Complex.FromPolarCoordinates(1, -Math.PI / 4) } },
            GateKind.Rx => new Complex[,] { { c, -i1 * s }, { -i1 * s, c } },
            GateKind.Ry => new Complex[,] { { c, -s }, { s, c } },
            _ => new Complex[,] { { new Complex(c, -s), 0 }, { 0, new Complex(c, s) } },
        };
        return Embed(m, g.Qubit, n);
    }

    private static Complex[,] Embed(Complex[,] m, int qubit, int n)
    {
        var size = 1 << n;
        var full = new Complex[size, size];
        for (var i = 0; i < size; i++)
            for (var j = 0; j < size; j++)
                if ((i & ~(1 << qubit)) == (j & ~(1 << qubit))) full[i, j] = m[i >> qubit & 1, j >> qubit & 1];
        return full;
    }

    public static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        var size = a.GetLength(0);
        var r = new Complex[size, size];
        for (var i = 0; i < size; i++)
            for (var k = 0; k < size; k++)
            {
                var x = a[i, k];
                if (x == Complex.Zero) continue;
                for (var j = 0; j < size; j++) r[i, j] += x * b[k, j];
            }
        return r;
    }

    public static Complex[,] Dagger(Complex[,] a)
    {
        var size = a.GetLength(0);
        var r = new Complex[size, size];
        for (var i = 0; i < size; i++) for (var j = 0; j < size; j++) r[i, j] = Complex.Conjugate(a[j, i]);
        return r;
    }

    public static Complex Trace(Complex[,] a)
    {
        Complex t = 0;
        for (var i = 0; i < a.GetLength(0); i++) t += a[i, i];
        return t;
    }
}

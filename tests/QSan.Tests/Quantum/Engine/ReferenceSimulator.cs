using System.Numerics;
using QSan.Quantum.Circuits;

namespace QSan.Tests.Quantum.Engine;

/// <summary>
/// A deliberately plain simulator to check the native engine against: one circuit at a time, one gate at a time,
/// textbook matrices (Y with its i), explicit loops over basis states, expectations as ⟨ψ|Pψ⟩.
/// </summary>
internal static class ReferenceSimulator
{
    /// <summary>Expectations of every branch's observables for one circuit (inputs and weights of that circuit).</summary>
    public static double[] Evaluate(BranchedCircuit circuit, double[] inputs, double[] weights)
    {
        var prefixState = Run(circuit.Prefix, inputs, [], Basis(circuit.QubitCount));
        var result = new List<double>();
        for (var b = 0; b < circuit.Branches.Length; b++)
        {
            var branch = circuit.Branches[b];
            var branchWeights = weights.AsSpan(circuit.WeightOffset(b), branch.Ansatz.WeightCount).ToArray();
            var state = Run(branch.Ansatz, [], branchWeights, (Complex[])prefixState.Clone());
            result.AddRange(branch.Observables.Select(o => Expectation(state, o)));
        }
        return [.. result];
    }

    /// <summary>Evaluates a whole batch, row-major like the engines.</summary>
    public static double[] EvaluateBatch(BranchedCircuit circuit, int batch, double[] inputs, double[] weights)
    {
        var result = new double[batch * circuit.ObservableCount];
        for (var i = 0; i < batch; i++)
        {
            var row = Evaluate(circuit, inputs.AsSpan(i * circuit.InputCount, circuit.InputCount).ToArray(), weights);
            row.CopyTo(result, i * circuit.ObservableCount);
        }
        return result;
    }

    public static Complex[] Basis(int qubits)
    {
        var state = new Complex[1 << qubits];
        state[0] = 1;
        return state;
    }

    public static Complex[] Run(CircuitTemplate template, double[] inputs, double[] weights, Complex[] state)
    {
        foreach (var gate in template.Gates) Apply(state, gate, gate.Angle.Evaluate(inputs, weights));
        return state;
    }

    public static void Apply(Complex[] state, Gate gate, double angle)
    {
        switch (gate.Kind)
        {
            case GateKind.Cx:
                for (var i = 0; i < state.Length; i++)
                    if (Bit(i, gate.Qubit) && !Bit(i, gate.Target))
                        (state[i], state[i | 1 << gate.Target]) = (state[i | 1 << gate.Target], state[i]);
                return;
            case GateKind.Cz:
                for (var i = 0; i < state.Length; i++)
                    if (Bit(i, gate.Qubit) && Bit(i, gate.Target)) state[i] = -state[i];
                return;
            case GateKind.Swap:
                for (var i = 0; i < state.Length; i++)
                {
                    if (!Bit(i, gate.Qubit) || Bit(i, gate.Target)) continue;
                    var j = i ^ (1 << gate.Qubit) ^ (1 << gate.Target);
                    (state[i], state[j]) = (state[j], state[i]);
                }
                return;
        }
        var m = Matrix(gate.Kind, angle);
        for (var i = 0; i < state.Length; i++)
        {
            if (Bit(i, gate.Qubit)) continue;
            var j = i | 1 << gate.Qubit;
            var (a, b) = (state[i], state[j]);
            state[i] = m[0, 0] * a + m[0, 1] * b;
            state[j] = m[1, 0] * a + m[1, 1] * b;
        }
    }

    public static Complex[,] Matrix(GateKind kind, double angle)
    {
        var i = Complex.ImaginaryOne;
        var r = 1 / Math.Sqrt(2);
        var (c, s) = (Math.Cos(angle / 2), Math.Sin(angle / 2));
        return kind switch
        {
            GateKind.H => new Complex[,] { { r, r }, { r, -r } },
            GateKind.X => new Complex[,] { { 0, 1 }, { 1, 0 } },
            GateKind.Y => new Complex[,] { { 0, -i }, { i, 0 } },
            GateKind.Z => new Complex[,] { { 1, 0 }, { 0, -1 } },
            GateKind.S => new Complex[,] { { 1, 0 }, { 0, i } },
            GateKind.SAdj => new Complex[,] { { 1, 0 }, { 0, -i } },
            GateKind.T => new Complex[,] { { 1, 0 }, { 0, Complex.Exp(i * Math.PI / 4) } },
            GateKind.TAdj => new Complex[,] { { 1, 0 }, { 0, Complex.Exp(-i * Math.PI / 4) } },
            GateKind.Rx => new Complex[,] { { c, -i * s }, { -i * s, c } },
            GateKind.Ry => new Complex[,] { { c, -s }, { s, c } },
            GateKind.Rz => new Complex[,] { { Complex.Exp(-i * angle / 2), 0 }, { 0, Complex.Exp(i * angle / 2) } },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>⟨ψ|P_q|ψ⟩ by applying P to a copy.</summary>
    public static double Expectation(Complex[] state, PauliTerm term)
    {
        var applied = (Complex[])state.Clone();
        if (term.Pauli != Pauli.I)
        {
            var kind = term.Pauli switch { Pauli.X => GateKind.X, Pauli.Y => GateKind.Y, _ => GateKind.Z };
            Apply(applied, new Gate(kind, term.Qubit), 0);
        }
        var sum = Complex.Zero;
        for (var k = 0; k < state.Length; k++) sum += Complex.Conjugate(state[k]) * applied[k];
        return sum.Real;
    }

    private static bool Bit(int index, int qubit) => (index >> qubit & 1) != 0;
}

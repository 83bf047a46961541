using System.Numerics;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Engine;

/// <summary>Exact single-qubit Pauli expectations of a dense state vector (bit q of the index is qubit q).</summary>
public static class PauliExpectation
{
    /// <summary>⟨ψ|P_q|ψ⟩ for a normalised state.</summary>
    public static double Of(ReadOnlySpan<Complex> state, PauliTerm term)
    {
        var mask = 1 << term.Qubit;
        if ((uint)mask >= (uint)state.Length) throw new ArgumentOutOfRangeException(nameof(term), term, $"The state has {System.Numerics.BitOperations.Log2((uint)state.Length)} qubits.");
        double sum = 0;
        for (var k = 0; k < state.Length; k++)
        {
            if ((k & mask) != 0) continue;
            var a0 = state[k];
            var a1 = state[k | mask];
            sum += term.Pauli switch
            {
                Pauli.Z => a0.Real * a0.Real + a0.Imaginary * a0.Imaginary - a1.Real * a1.Real - a1.Imaginary * a1.Imaginary,
                // ⟨X⟩ = 2 Re(a0* a1), ⟨Y⟩ = 2 Im(a0* a1).
                Pauli.X => 2 * (a0.Real * a1.Real + a0.Imaginary * a1.Imaginary),
                Pauli.Y => 2 * (a0.Real * a1.Imaginary - a0.Imaginary * a1.Real),
                _ => a0.Real * a0.Real + a0.Imaginary * a0.Imaginary + a1.Real * a1.Real + a1.Imaginary * a1.Imaginary,
            };
        }
        return sum;
    }
}

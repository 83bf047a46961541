using System.Collections.Immutable;
using QSan.Quantum.Circuits;

namespace QSan.Quantum.Shots;

/// <summary>
/// One hardware circuit: a token's prefix (encoder) and one branch's ansatz with concrete angles, then every qubit rotated
/// into <see cref="Basis"/> and measured in Z — the same program as the Q# hardware circuits (<c>QSan.Circuits.*Circuit</c>).
/// </summary>
/// <param name="Token">Row of the batch the circuit belongs to.</param>
/// <param name="Branch">Index of the branch in the <see cref="BranchedCircuit"/>.</param>
/// <param name="BranchName">The branch's name ("query", "key", "value").</param>
/// <param name="Basis">The measurement basis (X, Y or Z).</param>
/// <param name="Prefix">The prefix template (angles from <paramref name="Inputs"/>).</param>
/// <param name="Ansatz">The branch template (angles from <paramref name="Weights"/>).</param>
/// <param name="Inputs">The token's inputs.</param>
/// <param name="Weights">The branch's own weights.</param>
public sealed record PlannedCircuit(int Token, int Branch, string BranchName, Pauli Basis, CircuitTemplate Prefix, CircuitTemplate Ansatz,
    ImmutableArray<double> Inputs, ImmutableArray<double> Weights)
{
    /// <summary>Qubits the circuit uses.</summary>
    public int QubitCount => Prefix.QubitCount;

    /// <summary>A short label, e.g. "t3.value[Y]".</summary>
    public string Name => $"t{Token}.{BranchName}" + (Basis == Pauli.Z && BranchName != "value" ? "" : $"[{Basis}]");

    /// <summary>Prefix then ansatz gates, each with its angle evaluated (0 for gates without one).</summary>
    public IEnumerable<(Gate Gate, double Angle)> PreparationGates() =>
        Prefix.Gates.Select(g => (g, g.Kind.IsRotation() ? g.Angle.Evaluate(Inputs.AsSpan(), []) : 0.0))
            .Concat(Ansatz.Gates.Select(g => (g, g.Kind.IsRotation() ? g.Angle.Evaluate([], Weights.AsSpan()) : 0.0)));

    /// <summary>The basis change on every qubit, as <c>QSan.Measurement.RotateToComputationalBasis</c> does it: X: H; Y: S† then H.</summary>
    public IEnumerable<Gate> BasisGates() => BasisChange.Gates(Basis, QubitCount);

    /// <summary>The whole circuit with constant angles (measurement of all qubits implied at the end).</summary>
    public CircuitTemplate ToConstantCircuit() =>
        new(Name, QubitCount, 0, 0, [.. PreparationGates().Select(p => Constant(p.Gate, p.Angle)).Concat(BasisGates())]);

    internal static Gate Constant(Gate gate, double angle) =>
        gate.Kind.IsRotation() ? gate with { Angle = AngleSource.Constant(angle) } : gate with { Angle = default };
}

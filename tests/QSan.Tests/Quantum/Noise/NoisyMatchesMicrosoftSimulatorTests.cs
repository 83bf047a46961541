using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Tests.Quantum.Bridge;
using QSan.Tests.Quantum.Engine;
using Xunit;

namespace QSan.Tests.Quantum.Noise;

/// <summary>
/// The density-matrix engine's exact noisy expectations against Microsoft's noisy simulator (qsharp-lang 1.32.5-dev,
/// <c>runWithNoise</c>), which draws a Pauli error after each gate on each qubit it touched and before each measurement
/// (microsoft/qdk, source/compiler/qsc_eval/src/backend.rs: <c>apply_faults</c> after every gate, before <c>m</c> and
/// <c>mresetz</c>). The native model with the <c>microsoft@</c> placement is the same channel at the same places, so
/// Microsoft's estimates must fall within their sampling error of the exact values. Microsoft's simulator has only Pauli
/// noise (and qubit loss): amplitude and phase damping have no counterpart there and are checked against a dense Kraus sum instead.
/// </summary>
[Collection(QSharpBridgeCollection.Name)]
public sealed class NoisyMatchesMicrosoftSimulatorTests(QSharpBridgeFixture fixture)
{
    private const int Shots = 4000;

    public static TheoryData<int, double, double, double> Cases() => new()
    {
        { 1, 0.01, 0, 0 },
        { 2, 0.02, 0.01, 0.03 },
        { 3, 0.05, 0.05, 0.05 },
        { 4, 0, 0, 0.08 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exact_noisy_expectations_lie_within_five_sigma_of_Microsofts_sampled_ones(int seed, double px, double py, double pz)
    {
        var rng = new Random(seed);
        const int qubits = 3;
        var template = RandomCircuits.Template(rng, "noisy", qubits, 14, 0, 0);
        Pauli[] bases = [.. Enumerable.Range(0, qubits).Select(q => (Pauli)(1 + (q + seed) % 3))];
        var circuit = new BranchedCircuit(template,
            [new CircuitBranch("measure", new CircuitTemplate("measure", qubits, 0, 0, []), [.. bases.Select((p, q) => new PauliTerm(p, q))])]).Validate();
        var noise = NoiseModel.Parse(string.Create(CultureInfo.InvariantCulture, $"microsoft@pauli:{px:R}:{py:R}:{pz:R}"));
        var exact = new double[qubits];
        new DensityMatrixEngine(noise).Forward(circuit, 1, [], [], exact);

        var project = TempQSharpProject.Load("src/Noisy.qs", QSharp(template, bases));
        var shots = fixture.Bridge.RunShotsWithNoise(project, "Noisy.Run()", Shots, px, py, pz);
        for (var q = 0; q < qubits; q++)
        {
            var ones = shots.Count(s => ParseResults(s.Result!)[q]);
            var estimate = 1 - 2.0 * ones / Shots;
            var sigma = Math.Sqrt(Math.Max(1 - exact[q] * exact[q], 1e-4) / Shots);
            Assert.True(Math.Abs(estimate - exact[q]) <= 5 * sigma,
                $"qubit {q} ({bases[q]}): Microsoft {estimate:F4}, exact {exact[q]:F4}, 5σ = {5 * sigma:F4}");
        }
    }

    [Fact]
    public void Without_noise_argument_Microsofts_noisy_run_is_deterministic_where_the_state_is()
    {
        var project = TempQSharpProject.Load("src/Flip.qs", "namespace Flip { operation Run() : Result { use q = Qubit(); X(q); MResetZ(q) } }");
        Assert.All(fixture.Bridge.RunShotsWithNoise(project, "Flip.Run()", 20, 0, 0, 0), s => Assert.Equal("One", s.Result));
    }

    private static bool[] ParseResults(string result) =>
        [.. result.Trim('[', ']').Split(',').Select(r => r.Trim() == "One")];

    /// <summary>The template's gates as a Q# operation that measures qubit q in basis[q] (H for X, S† then H for Y).</summary>
    private static string QSharp(CircuitTemplate template, IReadOnlyList<Pauli> bases)
    {
        var body = new StringBuilder();
        foreach (var g in template.Gates)
        {
            var q = $"qs[{g.Qubit}]";
            var t = $"qs[{g.Target}]";
            var angle = g.Angle.Offset.ToString("R", CultureInfo.InvariantCulture);
            body.AppendLine(g.Kind switch
            {
                GateKind.H => $"H({q});",
                GateKind.X => $"X({q});",
                GateKind.Y => $"Y({q});",
                GateKind.Z => $"Z({q});",
                GateKind.S => $"S({q});",
                GateKind.SAdj => $"Adjoint S({q});",
                GateKind.T => $"T({q});",
                GateKind.TAdj => $"Adjoint T({q});",
                GateKind.Rx => $"Rx({angle}, {q});",
                GateKind.Ry => $"Ry({angle}, {q});",
                GateKind.Rz => $"Rz({angle}, {q});",
                GateKind.Cx => $"CNOT({q}, {t});",
                GateKind.Cz => $"CZ({q}, {t});",
                _ => $"SWAP({q}, {t});",
            });
        }
        for (var q = 0; q < bases.Count; q++)
            body.AppendLine(bases[q] switch { Pauli.X => $"H(qs[{q}]);", Pauli.Y => $"Adjoint S(qs[{q}]); H(qs[{q}]);", _ => "" });
        return $$"""
            namespace Noisy {
                operation Run() : Result[] {
                    use qs = Qubit[{{template.QubitCount}}];
                    {{body}}
                    MResetEachZ(qs)
                }
            }
            """;
    }
}

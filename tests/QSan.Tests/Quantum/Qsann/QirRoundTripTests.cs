using QSan.Quantum.Circuits;
using QSan.Quantum.Import;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Quantum.Qsann;

/// <summary>
/// Round trip: the templates imported from probe compilations, instantiated with concrete angles, give exactly the
/// gates that Microsoft's compiler emits for the hardware circuits (encoder + ansatz + measurement) with those angles.
/// </summary>
[Collection(QsannCollection.Name)]
public sealed class QirRoundTripTests(QsannFixture fixture)
{
    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void Instantiated_templates_reproduce_the_compiled_hardware_circuits(int n, int depth)
    {
        var family = fixture.Family(n, depth);
        var circuit = family.Circuit;
        var random = new Random(n * 10 + depth);
        var angles = Enumerable.Range(0, circuit.InputCount).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => random.NextDouble() * 6 - 3).ToArray();

        var hardware = new QsannHardwareCircuits(fixture.Bridge, fixture.Project).Compile(n, depth, angles, weights);

        Assert.Equal(depth == 0 ? 4 : 5, hardware.Count); // query, key, value in 2 or 3 bases
        foreach (var program in hardware)
        {
            var b = Array.IndexOf(QsannCircuitFamily.BranchNames, program.Branch);
            var branchWeights = weights.AsSpan(circuit.WeightOffset(b), circuit.Branches[b].Ansatz.WeightCount).ToArray();
            var expected = Instantiate(circuit.Prefix, angles, [])
                .Concat(Instantiate(circuit.Branches[b].Ansatz, [], branchWeights))
                .Concat(BasisChange(program.Basis, n))
                .ToArray();
            var calls = QirProgram.Parse(program.Qir, program.Name).Calls;
            var gates = calls.Where(c => c.Intrinsic != "m__body").ToArray();

            Assert.Equal(expected.Length, gates.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Intrinsic, gates[i].Intrinsic);
                Assert.Equal(expected[i].Qubits, gates[i].Qubits.ToArray());
                if (expected[i].Angle is { } angle) Assert.Equal(angle, gates[i].Angle!.Value, 12);
            }
            Assert.Equal(Enumerable.Range(0, n), calls.Where(c => c.Intrinsic == "m__body").Select(c => c.Qubits[0]));
        }
    }

    private sealed record ExpectedCall(string Intrinsic, int[] Qubits, double? Angle);

    private static IEnumerable<ExpectedCall> Instantiate(CircuitTemplate template, double[] inputs, double[] weights) =>
        template.Gates.Select(g => new ExpectedCall(
            Intrinsic(g.Kind),
            g.Kind.IsTwoQubit() ? [g.Qubit, g.Target] : [g.Qubit],
            g.Kind.IsRotation() ? g.Angle.Evaluate(inputs, weights) : null));

    private static IEnumerable<ExpectedCall> BasisChange(Pauli basis, int n) => basis switch
    {
        Pauli.X => Enumerable.Range(0, n).Select(q => new ExpectedCall("h__body", [q], null)),
        Pauli.Y => Enumerable.Range(0, n).SelectMany(q => new[] { new ExpectedCall("s__adj", [q], null), new ExpectedCall("h__body", [q], null) }),
        _ => [],
    };

    private static string Intrinsic(GateKind kind) => kind switch
    {
        GateKind.SAdj => "s__adj",
        GateKind.TAdj => "t__adj",
        _ => kind.ToString().ToLowerInvariant() + "__body",
    };
}

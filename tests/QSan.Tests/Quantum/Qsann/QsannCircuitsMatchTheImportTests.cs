using QSan.Quantum.Circuits;
using QSan.Quantum.Qsann;

namespace QSan.Tests.Quantum.Qsann;

/// <summary>
/// <see cref="QsannCircuits"/>, the C# copy of the Q# circuits that tests and benchmarks run without Node, against the
/// circuits imported from the Q# project and against Microsoft's simulator running the Q# operations.
/// </summary>
[Collection(QsannCollection.Name)]
public sealed class QsannCircuitsMatchTheImportTests(QsannFixture fixture)
{
    public static TheoryData<int, int> Sizes() => new() { { 1, 0 }, { 1, 2 }, { 2, 1 }, { 3, 0 }, { 3, 2 }, { 4, 1 }, { 5, 3 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_hand_built_circuits_are_the_imported_ones_gate_for_gate(int n, int depth)
    {
        var imported = fixture.Family(n, depth).Circuit;
        var built = QsannCircuits.AttentionCircuit(n, depth);

        AssertSameTemplate(imported.Prefix, built.Prefix);
        Assert.Equal(imported.Branches.Select(b => b.Name), built.Branches.Select(b => b.Name));
        foreach (var (fromQSharp, fromCSharp) in imported.Branches.Zip(built.Branches))
        {
            AssertSameTemplate(fromQSharp.Ansatz, fromCSharp.Ansatz);
            Assert.Equal(fromQSharp.Observables.ToArray(), fromCSharp.Observables.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_hand_built_circuits_give_the_QSharp_operations_expectations(int n, int depth)
    {
        var simulator = new QSharpSimulatorEngine(fixture.Bridge, fixture.Project, depth);

        var (expected, actual) = NativeMatchesQSharpSimulatorTests.RunBoth(QsannCircuits.AttentionCircuit(n, depth), simulator, batch: 3, seed: 10 * n + depth);

        NativeMatchesQSharpSimulatorTests.AssertClose(expected, actual);
    }

    private static void AssertSameTemplate(CircuitTemplate expected, CircuitTemplate actual)
    {
        Assert.Equal((expected.QubitCount, expected.InputCount, expected.WeightCount), (actual.QubitCount, actual.InputCount, actual.WeightCount));
        Assert.Equal(expected.Gates.ToArray(), actual.Gates.ToArray());
    }
}

using QSan.Quantum.Bridge;
using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;

namespace QSan.Tests.Quantum.Qsann;

/// <summary>The native engine, running templates imported from QIR, against Microsoft's simulator running the Q# operations.</summary>
[Collection(QsannCollection.Name)]
public sealed class NativeMatchesQSharpSimulatorTests(QsannFixture fixture)
{
    private const double Tolerance = 1e-9;

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        for (var n = 2; n <= 8; n++)
            for (var depth = 0; depth <= 3; depth++)
                data.Add(n, depth);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Expectations_agree_on_random_angles(int n, int depth)
    {
        var family = fixture.Family(n, depth);
        var simulator = new QSharpSimulatorEngine(fixture.Bridge, fixture.Project, depth);

        var (expected, actual) = RunBoth(family.Circuit, simulator, batch: 3, seed: 100 * n + depth);

        AssertClose(expected, actual);
    }

    [Fact]
    public void An_edited_ansatz_is_picked_up_without_any_host_change_and_still_agrees()
    {
        using var copy = CopyOfQuantumProject();
        var ansatz = Path.Combine(copy.Directory, "src", "Ansatz.qs");
        var source = File.ReadAllText(ansatz);
        // Add an RZ layer after the last RY layer; its angle is affine in θ (scale 0.5, offset 0.1).
        var edited = source.Replace(
            "                Ry(theta[(layer + 1) * n + i], qubits[i]);\n            }\n        }\n",
            "                Ry(theta[(layer + 1) * n + i], qubits[i]);\n            }\n        }\n        for i in 0..n - 1 {\n            Rz(0.5 * theta[i] + 0.1, qubits[i]);\n        }\n",
            StringComparison.Ordinal);
        Assert.NotEqual(source, edited);
        File.WriteAllText(ansatz, edited);
        var project = QSharpProject.Load(copy.Directory);

        var family = new QsannCircuitImporter(fixture.Bridge, project, fixture.Cache).Import(3, 1);

        var rz = family.Branch("value").Ansatz.Gates.Where(g => g.Kind == GateKind.Rz).ToArray();
        Assert.Equal([0, 1, 2], rz.Select(g => g.Qubit));
        Assert.All(rz, g => Assert.Equal(new AngleSource(SlotKind.Weight, g.Qubit, 0.5, 0.1), g.Angle));
        Assert.Equal(3, family.Circuit.Prefix.Gates.Count(g => g.Kind == GateKind.Rz));
        var (expected, actual) = RunBoth(family.Circuit, new QSharpSimulatorEngine(fixture.Bridge, project, 1), batch: 4, seed: 5);
        AssertClose(expected, actual);
        // And the edit really changed the numbers compared with the unedited circuits.
        var (_, original) = RunBoth(fixture.Family(3, 1).Circuit, null, batch: 4, seed: 5);
        Assert.True(original.Zip(actual).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    internal static (double[] Expected, double[] Actual) RunBoth(BranchedCircuit circuit, IQuantumEngine? reference, int batch, int seed)
    {
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, batch * circuit.InputCount).Select(_ => (random.NextDouble() * 2 - 1) * Math.PI).ToArray();
        var weights = Enumerable.Range(0, circuit.WeightCount).Select(_ => (random.NextDouble() * 2 - 1) * Math.PI).ToArray();
        var expected = new double[batch * circuit.ObservableCount];
        reference?.Forward(circuit, batch, inputs, weights, expected);
        var actual = new double[expected.Length];
        new NativeEngine().Forward(circuit, batch, inputs, weights, actual);
        return (expected, actual);
    }

    internal static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"Expectation {i}: Q# simulator {expected[i]:R}, native {actual[i]:R}.");
        // Guard against both engines returning something trivial.
        Assert.Contains(expected, e => Math.Abs(e) > 1e-3);
    }

    private static TemporaryFolder CopyOfQuantumProject()
    {
        var folder = new TemporaryFolder();
        var source = QuantumWorkspace.LocateQuantumProject();
        File.Copy(Path.Combine(source, "qsharp.json"), Path.Combine(folder.Directory, "qsharp.json"));
        Directory.CreateDirectory(Path.Combine(folder.Directory, "src"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "src"), "*.qs"))
            File.Copy(file, Path.Combine(folder.Directory, "src", Path.GetFileName(file)));
        return folder;
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("qsan-quantum-").FullName;

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}

using QSan.Quantum.Circuits;
using QSan.Quantum.Qsann;

namespace QSan.Tests.Quantum.Qsann;

[Collection(QsannCollection.Name)]
public sealed class QsannCircuitImporterTests(QsannFixture fixture)
{
    [Fact]
    public void The_imported_encoder_is_Hadamards_then_the_ansatz()
    {
        var family = fixture.Family(2, 1);

        Assert.Equal(6, family.TokenAngleCount);
        Assert.Equal(
            new[]
            {
                new Gate(GateKind.H, 0), new Gate(GateKind.H, 1),
                new Gate(GateKind.Rx, 0, -1, AngleSource.Input(0)), new Gate(GateKind.Ry, 0, -1, AngleSource.Input(2)),
                new Gate(GateKind.Rx, 1, -1, AngleSource.Input(1)), new Gate(GateKind.Ry, 1, -1, AngleSource.Input(3)),
                new Gate(GateKind.Cx, 0, 1), new Gate(GateKind.Cx, 1, 0),
                new Gate(GateKind.Ry, 0, -1, AngleSource.Input(4)), new Gate(GateKind.Ry, 1, -1, AngleSource.Input(5)),
            },
            family.Circuit.Prefix.Gates.ToArray());
    }

    [Fact]
    public void The_branches_are_query_key_value_with_their_observables()
    {
        var family = fixture.Family(2, 1);

        Assert.Equal(QsannCircuitFamily.BranchNames, family.Circuit.Branches.Select(b => b.Name));
        Assert.All(family.Circuit.Branches, b => Assert.Equal(6, b.Ansatz.WeightCount));
        Assert.All(family.Circuit.Branches, b => Assert.Equal(8, b.Ansatz.Gates.Length));
        Assert.Equal([new PauliTerm(Pauli.Z, 0)], family.Branch("query").Observables.ToArray());
        Assert.Equal([new PauliTerm(Pauli.Z, 0)], family.Branch("key").Observables.ToArray());
        Assert.Equal(
            [new(Pauli.Z, 0), new(Pauli.Z, 1), new(Pauli.Y, 0), new(Pauli.Y, 1), new(Pauli.X, 0), new(Pauli.X, 1)],
            family.Branch("value").Observables.ToArray());
    }

    [Fact]
    public void Parameter_counts_follow_n_times_d_plus_two()
    {
        var family = fixture.Family(3, 2);

        Assert.Equal(12, family.TokenAngleCount);
        Assert.Equal(36, family.Circuit.WeightCount);
        Assert.Equal(1 + 1 + 12, family.Circuit.ObservableCount);
    }

    [Fact]
    public void Imported_families_are_cached_under_a_key_of_the_sources_and_reused_across_importers()
    {
        var cacheDirectory = Path.Combine(Path.GetTempPath(), "qsan-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cache = new QSan.Quantum.Import.CircuitCache(cacheDirectory);
            var first = new QsannCircuitImporter(fixture.Bridge, fixture.Project, cache).Import(1, 0);
            Assert.Single(Directory.GetFiles(cacheDirectory, "*.json"));

            var again = new QsannCircuitImporter(fixture.Bridge, fixture.Project, cache).Import(1, 0);
            Assert.Single(Directory.GetFiles(cacheDirectory, "*.json"));
            Assert.Equal(first.Circuit.Prefix.Gates.ToArray(), again.Circuit.Prefix.Gates.ToArray());

            var edited = fixture.Project.WithExtraSource("src/Comment.qs", "// a change to the sources\nnamespace QSanTestComment { function Nothing() : Unit {} }");
            new QsannCircuitImporter(fixture.Bridge, edited, cache).Import(1, 0);
            Assert.Equal(2, Directory.GetFiles(cacheDirectory, "*.json").Length);
        }
        finally
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }
    }

    [Fact]
    public void The_QSharp_test_operations_of_the_project_all_pass()
    {
        var results = fixture.Bridge.RunTests(fixture.Project);

        Assert.True(results.Count >= 7, $"Expected the project's @Test() operations, found {results.Count}.");
        Assert.All(results, r => Assert.True(r.Success, $"{r.Name}: {r.Message}"));
    }
}

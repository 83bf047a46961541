using System.Text.Json;
using QSan.Tests.Azure;
using QSan.Tests.Quantum.Qsann;

namespace QSan.Tests.Cli;

/// <summary>
/// <c>evaluate --backend azure:&lt;target&gt;</c> with its default payload, QIR compiled from the repository's Q# project
/// (so these tests start Node, like the other Q# tests): a dry run and a run on the fake Quantinuum emulator.
/// </summary>
[Collection(QsannCollection.Name)]
public sealed class EvaluateWithQirCommandTests() : TrainedRunOnFakeServiceTest(useQSharp: true)
{
    [Fact]
    public void A_dry_run_writes_QIR_compiled_from_the_QSharp_project()
    {
        var output = Path.Combine(Folder, "dry");

        var run = Cli("evaluate", Run, "--backend", "azure:ionq.simulator", "--split", "test", "--dry-run", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var inputs = Directory.GetFiles(output, "job-*.input.ll");
        Assert.NotEmpty(inputs);
        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "plan.json")));
        Assert.Equal(inputs.Length, plan.RootElement.GetProperty("estimate").GetProperty("jobs").GetInt32());
        Assert.Equal("Qir", plan.RootElement.GetProperty("format").GetString());
        Assert.Contains("@__quantum__qis__", File.ReadAllText(inputs[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_Quantinuum_emulator_QIR_jobs_score_like_the_native_engine()
    {
        Fake.Script = _ => new JobScript(["Succeeded"]);
        var native = Scores(Cli("evaluate", Run, "--split", "test", "--json").Output)["test"];
        var connection = Fake.ConnectionString;

        var run = Cli("evaluate", Run, "--backend", "azure:quantinuum.sim.h2-1e", "--split", "test", "--yes", "--connection-string", connection, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(Fake.Violations);
        Assert.NotEmpty(Fake.Jobs);
        Assert.All(Fake.Jobs.Values, j => Assert.Equal("qir.v1", j.InputFormat));
        var azure = Scores(run.Output)["test"];
        // The sentences' probabilities lie far from 0.5 (≥ 0.08) against a shot noise of about 0.004 at 1000 shots.
        Assert.Equal(native.Accuracy, azure.Accuracy);
        Assert.NotEqual(native.Loss, azure.Loss);
        Assert.Equal(native.Loss, azure.Loss, 0.005);
    }
}

using System.Text.Json;
using QSan.Cli;
using QSan.Tests.Azure;
using QSan.Tests.Data;
using QSan.Tests.Quantum.Qsann;
using QSan.Tests.Training;

namespace QSan.Tests.Cli;

/// <summary>
/// <c>evaluate --backend azure:&lt;target&gt;</c> with its default payload, QIR compiled from the repository's Q# project
/// (so these tests start Node, like the other Q# tests): a dry run and a run on the fake Quantinuum emulator.
/// </summary>
[Collection(QsannCollection.Name)]
public sealed class EvaluateWithQirCommandTests : IAsyncLifetime
{
    private readonly TemporaryDirectory folder = new();
    private FakeAzureQuantum fake = null!;

    private string Run => Path.Combine(folder.Path, "run");

    public async Task InitializeAsync()
    {
        fake = await FakeAzureQuantum.StartAsync();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 6), Run);
    }

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Dispose();
    }

    private (int ExitCode, string Output, string Error) Cli(params string[] args) =>
        CliRunner.RunWith(useQSharp: true, context => context with { AzureClientOptions = fake.ClientOptions() }, args);

    private static (double Accuracy, double Loss) TestScore(string json)
    {
        using var document = JsonDocument.Parse(json);
        var test = document.RootElement.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("split").GetString() == "test");
        return (test.GetProperty("accuracy").GetDouble(), test.GetProperty("loss").GetDouble());
    }

    [Fact]
    public void A_dry_run_writes_QIR_compiled_from_the_QSharp_project()
    {
        var output = Path.Combine(folder.Path, "dry");

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
        fake.Script = _ => new JobScript(["Succeeded"]);
        var native = TestScore(Cli("evaluate", Run, "--split", "test", "--json").Output);
        var connection = fake.ConnectionString;

        var run = Cli("evaluate", Run, "--backend", "azure:quantinuum.sim.h2-1e", "--split", "test", "--yes", "--connection-string", connection, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(fake.Violations);
        Assert.NotEmpty(fake.Jobs);
        Assert.All(fake.Jobs.Values, j => Assert.Equal("qir.v1", j.InputFormat));
        var azure = TestScore(run.Output);
        // The sentences' probabilities lie far from 0.5 (≥ 0.08) against a shot noise of about 0.004 at 1000 shots.
        Assert.Equal(native.Accuracy, azure.Accuracy);
        Assert.NotEqual(native.Loss, azure.Loss);
        Assert.Equal(native.Loss, azure.Loss, 0.005);
    }
}

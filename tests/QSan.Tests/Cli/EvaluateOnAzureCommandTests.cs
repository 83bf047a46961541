using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using QSan.Cli;
using QSan.Model;
using QSan.Tests.Azure;
using QSan.Tests.Training;

namespace QSan.Tests.Cli;

/// <summary>
/// <c>evaluate --backend azure:&lt;target&gt;</c> and <c>shots:N</c> from the command line, on a model trained with the native
/// engine: against the fake Azure Quantum service (whose certificate the context's client options trust), as dry runs,
/// and with local sampling.
/// </summary>
public sealed partial class EvaluateOnAzureCommandTests() : TrainedRunOnFakeServiceTest(useQSharp: false)
{
    [GeneratedRegex(@"(\d+) job\(s\)")]
    private static partial Regex JobCount();

    [Fact]
    public void On_the_IonQ_simulator_with_exact_results_the_scores_are_the_native_ones()
    {
        Fake.ExactProbabilities = true;
        Fake.Script = _ => new JobScript(["Succeeded"]);
        var native = Cli("evaluate", Run, "--json");

        var azure = Cli("evaluate", Run, "--backend", "azure:ionq.simulator", "--format", "ionq", "--max-qubits", "8", "--connection-string", Fake.ConnectionString, "--json");

        Assert.True(azure.ExitCode == 0, azure.Error);
        Assert.Empty(Fake.Violations);
        Assert.Single(azure.Output.Trim().Split('\n')); // the JSON alone; the estimate and progress go to standard error
        Assert.Contains("Evaluating train, validation, test on ionq.simulator takes 3 submission(s)", azure.Error);
        Assert.Contains("cost: free", azure.Error);
        Assert.Contains("Submission 3 of 3.", azure.Error);
        Assert.Equal(int.Parse(JobCount().Match(azure.Error).Groups[1].Value, CultureInfo.InvariantCulture), Fake.Jobs.Count);
        Assert.Contains("\"model\":\"qsann on azure:ionq.simulator, 1000 shots\"", azure.Output);
        var expected = Scores(native.Output);
        var actual = Scores(azure.Output);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (split, score) in expected)
        {
            Assert.Equal(score.Accuracy, actual[split].Accuracy);
            Assert.Equal(score.Loss, actual[split].Loss, 9);
        }
    }

    [Fact]
    public void While_jobs_run_their_progress_is_shown_and_the_scores_follow_in_the_usual_table()
    {
        var run = Cli("evaluate", Run, "--backend", "azure:ionq.simulator", "--format", "native", "--split", "test", "--connection-string", Fake.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(Fake.Violations);
        Assert.Equal("", run.Error);
        Assert.Contains($"Workspace {FakeAzureQuantum.WorkspaceName} at {Fake.Endpoint}", run.Output);
        Assert.Contains("submitted job", run.Output);
        foreach (var status in new[] { "Waiting", "Executing", "Succeeded" }) Assert.Contains($": {status}", run.Output);
        Assert.DoesNotContain(FakeAzureQuantum.ApiKey, run.Output, StringComparison.Ordinal);
        Assert.Contains("qsann on azure:ionq.simulator, 1000 shots", run.Output);
        Assert.Matches(@"│ test\s+│\s+40 │\s+\d+\.\d\d% │", run.Output);
        Assert.DoesNotContain("│ train", run.Output);
    }

    [Fact]
    public void A_paid_target_shows_its_cost_and_sends_nothing_without_yes()
    {
        var run = Cli("evaluate", Run, "--backend", "azure:ionq.qpu.aria-1", "--format", "ionq", "--connection-string", Fake.ConnectionString);

        Assert.Equal(AzureCliErrors.Declined, run.ExitCode);
        // Only the live target list was read (for the target's current size); no job, blob or session was touched.
        Assert.All(Fake.Requests, r => Assert.EndsWith("/providerStatus", r, StringComparison.Ordinal));
        Assert.Contains("estimated cost:", run.Output);
        Assert.Contains("USD (an estimate", run.Output);
        Assert.Contains("Nothing was submitted", run.Error);
        Assert.Contains("--yes", run.Error);
    }

    [Fact]
    public void With_yes_a_paid_target_runs()
    {
        Fake.Script = _ => new JobScript(["Succeeded"]);

        var run = Cli("evaluate", Run, "--backend", "azure:ionq.qpu.aria-1", "--format", "ionq", "--split", "test", "--yes", "--connection-string", Fake.ConnectionString, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(Fake.Violations);
        Assert.NotEmpty(Fake.Jobs);
        Assert.All(Fake.Jobs.Values, j => Assert.Contains("\"target\":\"ionq.qpu.aria-1\"", j.Details().ToJsonString(), StringComparison.Ordinal));
        Assert.Equal(1.0, Scores(run.Output)["test"].Accuracy);
    }

    [Fact]
    public void Azure_sessions_lists_the_evaluations_session_and_shows_its_jobs()
    {
        var run = Cli("evaluate", Run, "--backend", "azure:ionq.simulator", "--format", "ionq", "--split", "test", "--connection-string", Fake.ConnectionString, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var session = Assert.Single(Fake.Sessions.Values);

        var list = Cli("azure", "sessions", "--connection-string", Fake.ConnectionString);
        var one = Cli("azure", "sessions", session.Id, "--connection-string", Fake.ConnectionString);

        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains(session.Id, list.Output, StringComparison.Ordinal);
        Assert.Contains("Succeeded", list.Output, StringComparison.Ordinal);
        Assert.True(one.ExitCode == 0, one.Error);
        Assert.Contains("policy Abort", one.Output, StringComparison.Ordinal);
        Assert.All(Fake.Jobs.Keys, id => Assert.Contains(id, one.Output, StringComparison.Ordinal));
        Assert.Empty(Fake.Violations);
    }

    [Fact]
    public void Azure_targets_shows_the_workspaces_live_sizes_and_the_retired_targets()
    {
        var live = Cli("azure", "targets", "--connection-string", Fake.ConnectionString);
        var offline = Cli("azure", "targets", "--offline");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Matches(@"ionq\.qpu\.aria-1\s*│\s*ionq\s*│\s*Degraded\s*│\s*5400 s\s*│\s*23", live.Output);
        Assert.DoesNotContain("microsoft.estimator", live.Output, StringComparison.Ordinal);
        Assert.Contains("Retired (refused): ionq.qpu,", live.Output, StringComparison.Ordinal);
        Assert.Contains($"as of {QSan.Azure.Targets.TargetCatalog.AsOf}", offline.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dry_run_writes_every_job_of_the_evaluation_without_a_workspace_or_confirmation()
    {
        var output = Path.Combine(Folder, "dry");

        // A Quantinuum emulator costs credits, but a dry run spends nothing, so it needs neither --yes nor a workspace.
        var run = Cli("evaluate", Run, "--backend", "azure:quantinuum.sim.h2-1e", "--format", "native", "--dry-run", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(Fake.Requests);
        Assert.Contains("Dry run: nothing sent.", run.Output);
        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "plan.json")));
        var root = plan.RootElement;
        var jobs = root.GetProperty("estimate").GetProperty("jobs").GetInt32();
        Assert.Equal(jobs, Directory.GetFiles(output, "job-*.input.qasm").Length);
        Assert.Equal(jobs, Directory.GetFiles(output, "job-*.request.json").Length);
        Assert.Equal(jobs, root.GetProperty("jobs").GetArrayLength());
        Assert.True(root.GetProperty("estimate").GetProperty("cost").GetDouble() > 0);
        Assert.Equal("EHQC", root.GetProperty("estimate").GetProperty("currency").GetString());
        var splits = root.GetProperty("splits").EnumerateArray().ToArray();
        Assert.Equal(["train", "validation", "test"], splits.Select(s => s.GetProperty("split").GetString()));
        // Every job belongs to exactly one split, in order.
        Assert.Equal(Enumerable.Range(0, jobs), splits.SelectMany(s => s.GetProperty("jobs").EnumerateArray().Select(j => j.GetInt32())));
        Assert.StartsWith("OPENQASM 2.0;", File.ReadAllText(Path.Combine(output, "job-000.input.qasm")), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_shot_sampling_is_seeded_and_differs_from_the_exact_scores_by_shot_noise_only()
    {
        var native = Scores(Cli("evaluate", Run, "--json").Output);
        var first = Cli("evaluate", Run, "--backend", "shots:200", "--seed", "3", "--json");
        var again = Cli("evaluate", Run, "--backend", "shots:200", "--seed", "3", "--json");
        var other = Cli("evaluate", Run, "--backend", "shots:200", "--seed", "4", "--json");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Empty(Fake.Requests);
        Assert.Contains("\"model\":\"qsann on shots:200 (seed 3)\"", first.Output);
        Assert.Equal(first.Output, again.Output);
        var sampled = Scores(first.Output);
        Assert.NotEqual(sampled["test"].Loss, Scores(other.Output)["test"].Loss);
        foreach (var (split, score) in native)
        {
            Assert.NotEqual(score.Loss, sampled[split].Loss);
            Assert.Equal(score.Loss, sampled[split].Loss, 0.01);
        }
    }

    [Theory]
    [InlineData("quantum")]
    [InlineData("shots:0")]
    [InlineData("shots:many")]
    [InlineData("azure:")]
    public void An_unknown_backend_is_rejected_naming_the_accepted_forms(string backend)
    {
        var run = Cli("evaluate", Run, "--backend", backend);

        CliRunner.AssertFails(run, "shots:");
        Assert.Contains("azure:<target>", run.Error);
        Assert.Contains(backend, run.Error);
    }

    [Theory]
    [InlineData("native", "--dry-run")]
    [InlineData("shots:100", "--format")]
    [InlineData("shots:100", "--shots")]
    public void Azure_options_without_an_Azure_backend_are_rejected(string backend, string option)
    {
        CliRunner.AssertFails(Cli("evaluate", Run, "--backend", backend, option, "1"), "apply to --backend azure:<target>");
    }

    [Fact]
    public void On_the_IonQ_simulator_with_a_provider_noise_model_every_job_asks_for_it_and_the_result_names_it()
    {
        Fake.Script = _ => new JobScript(["Succeeded"]);

        var azure = Cli("evaluate", Run, "--backend", "azure:ionq.simulator", "--format", "ionq", "--split", "test", "--provider-noise", "forte-1:9",
            "--connection-string", Fake.ConnectionString, "--json");

        Assert.True(azure.ExitCode == 0, azure.Error);
        Assert.Empty(Fake.Violations);
        Assert.NotEmpty(Fake.Jobs);
        Assert.All(Fake.Jobs.Values, j => Assert.Equal("{\"model\":\"forte-1\",\"seed\":9}", j.InputParams!["noise"]!.ToJsonString()));
        Assert.Contains("\"model\":\"qsann on azure:ionq.simulator, 1000 shots, provider noise forte-1:9 (natively 1q@depolarizing:0.0002+pair-depolarizing:0.00464; device preset ionq-forte)\"", azure.Output);
    }

    [Theory]
    [InlineData("native", "use it with --backend azure:ionq.simulator")]
    [InlineData("azure:quantinuum.sim.h2-1e", "not quantinuum.sim.h2-1e")]
    [InlineData("azure:ionq.qpu.aria-1", "not ionq.qpu.aria-1")]
    public void Provider_noise_off_ionq_s_simulator_is_refused_naming_the_option(string backend, string expected)
    {
        var run = Cli("evaluate", Run, "--backend", backend, "--provider-noise", "aria-1");

        CliRunner.AssertFails(run, "--provider-noise");
        Assert.Contains(expected, run.Error);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public void An_unknown_provider_noise_model_is_refused_with_the_accepted_ones()
    {
        var run = Cli("evaluate", Run, "--backend", "azure:ionq.simulator", "--provider-noise", "harmony");

        CliRunner.AssertFails(run, "Unknown value 'harmony' for --provider-noise");
        Assert.Contains("aria-1", run.Error);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task A_CSANN_run_has_no_circuits_to_sample()
    {
        var csann = Path.Combine(Folder, "csann");
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 1, kind: ModelKind.Csann), csann);

        CliRunner.AssertFails(Cli("evaluate", csann, "--backend", "shots:100"), "CSANN");
        Assert.Empty(Fake.Requests);
    }
}

using System.Text;
using QSan.Azure.Engines;
using QSan.Azure.Payloads;
using QSan.Azure.Results;
using QSan.Azure.Service;
using QSan.Azure.Targets;
using QSan.Cli;
using QSan.Quantum.Engine;
using QSan.Quantum.Qsann;
using QSan.Quantum.Shots;

namespace QSan.Tests.Azure;

/// <summary>
/// A paid result is never thrown away: shots with lost-qubit markers are dropped one by one (azure-quantum-python's
/// qiskit/job.py), a truncated hardware histogram is read as counts, and a failed job's own output is downloaded and kept.
/// </summary>
public sealed class PaidResultTests : FakeServiceTest, IDisposable
{
    private readonly string keep = Path.Combine(Path.GetTempPath(), "qsan-failed-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(keep)) Directory.Delete(keep, recursive: true);
    }

    /// <summary>One token's QSANN circuits (n qubits, D = 1) on <paramref name="target"/>, with the progress lines.</summary>
    private (ShotEstimate Estimate, AzureShotBackend Backend, List<string> Lines) Estimate(string target, PayloadFormat format, int n, int shots, int? maxQubits = null)
    {
        var lines = new List<string>();
        var circuit = QsannCircuits.AttentionCircuit(n, 1);
        var (inputs, weights) = AzureEngineEndToEndTests.Random(circuit, 1, 9);
        var backend = new AzureShotBackend(Fake.Client(), new PayloadEncoder(TargetCatalog.Find(target), format),
            new AzureBackendOptions(FastPolling, maxQubits, Progress: new SyncProgress<string>(lines.Add), FailedOutputDirectory: keep));
        return (new ShotEngine(backend, new ShotEngineOptions(shots)).Estimate(circuit, 1, inputs, weights), backend, lines);
    }

    [Fact]
    public void A_V2_result_with_lost_qubits_keeps_the_other_shots_and_says_how_many_were_dropped()
    {
        // Outcomes as Microsoft's v2 writes them, with lost qubits as 2 and "-" (azure-quantum-python tests/test_qiskit.py).
        var result = ResultParser.Read(OutputFormats.MicrosoftV2, """
            {"DataFormat": "microsoft.quantum-results.v2", "Results": [{"Histogram": [
              {"Outcome": [0, 1, 2, 0], "Display": "[0, 1, 2, 0]", "Count": 30},
              {"Outcome": [0, "-", 0, 0], "Display": "[0, -, 0, 0]", "Count": 5},
              {"Outcome": [0, 1, 0, 0], "Display": "[0, 1, 0, 0]", "Count": 20},
              {"Outcome": [1, 1, 0, 0], "Display": "[1, 1, 0, 0]", "Count": 45}], "Shots": []}]}
            """u8, 4, 100, simulator: false);

        Assert.Equal(35, result.LostQubitShots);
        Assert.Equal(65, result.Histogram.Shots);
        Assert.Equal(45.0 / 65, result.Histogram.OneProbability(0), 12);
        Assert.Equal(1, result.Histogram.OneProbability(1), 12);
        Assert.Contains("35 of 100 shots had lost-qubit markers", result.Note, StringComparison.Ordinal);
        Assert.Contains("the estimates use the other 65", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_V1_histogram_with_a_lost_qubit_outcome_is_renormalised_over_the_rest_as_the_SDK_does()
    {
        // azure-quantum-python tests/test_qiskit.py test_microsoft_v1_results_raw_and_filtered_fields_handle_qubit_loss.
        var result = ResultParser.Read(OutputFormats.MicrosoftV1, """{"Histogram": ["[0, 1, 2, 0]", 0.30, "[0, 1, 0, 0]", 0.20, "[1, 1, 0, 0]", 0.50]}"""u8, 4, 100, simulator: false);

        Assert.Equal(70, result.Histogram.Shots);
        Assert.Equal(30, result.LostQubitShots);
        Assert.Equal(0.50 / 0.70, result.Histogram.OneProbability(0), 12);
    }

    [Fact]
    public void Quantinuum_shots_with_a_lost_qubit_are_dropped_one_by_one()
    {
        var result = ResultParser.Read(OutputFormats.Quantinuum, """{"c": ["0101", "01-1", "0101", "2101", "0100"]}"""u8, 4, 5, simulator: false);

        Assert.Equal(2, result.LostQubitShots);
        Assert.Equal(3, result.Histogram.Shots);
        Assert.Equal(2.0 / 3, result.Histogram.OneProbability(0), 12);
        Assert.Throws<ResultFormatException>(() => ResultParser.Read(OutputFormats.Quantinuum, """{"c": ["01-1", "2101"]}"""u8, 4, 2, simulator: false));
        Assert.Throws<ResultFormatException>(() => ResultParser.Read(OutputFormats.Quantinuum, """{"c": ["01x1"]}"""u8, 4, 1, simulator: false));
    }

    [Fact]
    public void A_truncated_hardware_histogram_is_read_as_counts_and_the_missing_shots_are_reported()
    {
        // IonQ QPU histogram summing to 0.9: qiskit/job.py turns it into counts round(shots·p), no refusal.
        var hardware = ResultParser.Read(OutputFormats.IonQ, """{"histogram": {"5": 0.6, "0": 0.3}}"""u8, 4, 100, simulator: false);

        Assert.Equal(90, hardware.Histogram.Shots);
        Assert.Equal(10, hardware.MissingShots);
        Assert.Equal(60.0 / 90, hardware.Histogram.OneProbability(0), 12);
        Assert.Contains("10 of 100 shots are missing from the histogram", hardware.Note, StringComparison.Ordinal);
        // The SDK's simulator path still refuses a sum more than 1e-2 from 1.
        Assert.Throws<ResultFormatException>(() => ResultParser.Read(OutputFormats.IonQ, """{"histogram": {"5": 0.6, "0": 0.3}}"""u8, 4, 100, simulator: true));
        Assert.True(ResultParser.IsSimulator("ionq.simulator"));
        Assert.True(ResultParser.IsSimulator("quantinuum.sim.h2-1e"));
        Assert.False(ResultParser.IsSimulator("ionq.qpu.aria-1"));
    }

    [Fact]
    public void Lost_qubit_shots_from_a_Quantinuum_job_are_dropped_and_the_estimate_uses_the_rest()
    {
        Fake.LostQubitShots = 7;

        var (estimate, backend, lines) = Estimate("quantinuum.sim.h2-1e", PayloadFormat.OpenQasm, 2, 200);

        Assert.Empty(Fake.Violations);
        Assert.Equal(7 * estimate.Programs, backend.LostQubitShots);
        Assert.Contains(lines, l => l.Contains("7 of 200 shots had lost-qubit markers", StringComparison.Ordinal) && l.Contains("other 193", StringComparison.Ordinal));
        // Standard errors follow the 193 kept shots: √((1 − E²)/193).
        Assert.Equal(Math.Sqrt((1 - estimate.Expectations[0] * estimate.Expectations[0]) / 193), estimate.StandardErrors[0], 12);
    }

    [Fact]
    public void A_truncated_histogram_from_an_IonQ_QPU_is_used_and_its_missing_shots_reported()
    {
        Fake.TruncateBelow = 0.03;

        var (_, backend, lines) = Estimate("ionq.qpu.aria-1", PayloadFormat.IonQCircuit, 3, 300, maxQubits: 6);

        Assert.Empty(Fake.Violations);
        Assert.True(backend.MissingShots > 3 * backend.SubmittedJobs.Count, $"{backend.MissingShots} shots truncated"); // over 1 % per job
        Assert.Contains(lines, l => l.Contains("missing from the histogram (the service truncated it)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_job_that_fails_with_output_has_it_downloaded_and_kept_beside_the_error()
    {
        Fake.Script = _ => JobScript.FailsWithOutput;

        var error = Assert.Throws<AzureQuantumJobFailedException>(() => Estimate("quantinuum.sim.h2-1e", PayloadFormat.OpenQasm, 2, 100));

        Assert.Contains("ran out of time", error.Message, StringComparison.Ordinal);
        Assert.Equal(JobScript.FailsWithOutput.FailureOutput, Encoding.UTF8.GetString(error.Output!));
        Assert.Equal(Path.Combine(keep, $"{error.Job.Id}.output"), error.OutputPath);
        Assert.Equal(JobScript.FailsWithOutput.FailureOutput, File.ReadAllText(error.OutputPath!));
        Assert.Contains(error.OutputPath!, error.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Violations);
    }

    [Fact]
    public async Task Azure_results_of_a_failed_job_with_output_keeps_it_and_names_the_file()
    {
        Fake.Script = _ => JobScript.FailsWithOutput;
        var client = Fake.Client();
        var encoder = new PayloadEncoder(TargetCatalog.Find("quantinuum.sim.h2-1e"), PayloadFormat.OpenQasm);
        var circuit = QsannCircuits.AttentionCircuit(2, 1);
        var program = new ShotEngine(new LocalShotBackend(maxQubits: 2)).Programs(circuit, 1, new double[circuit.InputCount], new double[circuit.WeightCount])[0];
        var job = await client.SubmitJobAsync(encoder.Encode(program, 100), encoder.Target, "fails", AzureShotBackend.Metadata(program), default);
        await client.WaitForJobAsync(job.Id!, FastPolling, null, default);
        var output = new StringWriter();
        var errors = new StringWriter();
        var context = CliContext.ForWriters(output, errors) with { AzureClientOptions = Fake.ClientOptions() };
        var connection = Fake.ConnectionString;

        var exit = Program.Run(["azure", "results", job.Id!, "--output-dir", keep, "--connection-string", connection], context);

        Assert.Equal(1, exit);
        Assert.Contains($"kept at {Path.Combine(keep, job.Id + ".output")}", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(JobScript.FailsWithOutput.FailureOutput, File.ReadAllText(Path.Combine(keep, job.Id + ".output")));
    }
}

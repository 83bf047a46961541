using System.Text.Json.Nodes;
using QSan.Cli;
using QSan.Tests.Azure;
using QSan.Tests.Quantum.Qsann;

namespace QSan.Tests.Cli;

/// <summary>The documented CLI examples: a dry run writes one token's QSANN payloads for IonQ and for Quantinuum.</summary>
[Collection(QsannCollection.Name)]
public sealed class AzureCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "qsan-azure-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData("ionq.simulator", null, ".ll", "qir.v1")]
    [InlineData("quantinuum.sim.h2-1e", null, ".ll", "qir.v1")]
    [InlineData("ionq.simulator", "native", ".json", "ionq.circuit.v1")]
    [InlineData("quantinuum.sim.h2-1e", "native", ".qasm", "honeywell.openqasm.v1")]
    public async Task A_dry_run_writes_one_tokens_payloads_and_sends_nothing(string target, string? format, string extension, string inputFormat)
    {
        string[] args = ["azure", "submit", "--target", target, "--qubits", "4", "--depth", "1", "--dry-run", directory, "--endpoint", "https://127.0.0.1:9/"];
        if (format is not null) args = [.. args, "--format", format];

        var exit = await Program.Main(args);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(directory, "job-000.input" + extension)));
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "job-000.request.json")))!;
        Assert.Equal(inputFormat, request["inputDataFormat"]!.GetValue<string>());
        Assert.Equal(target, request["target"]!.GetValue<string>());
        var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "plan.json")))!;
        Assert.Equal(5, plan["estimate"]!["circuits"]!.GetValue<int>());
        Assert.Equal(["t0.query", "t0.key", "t0.value[Z]", "t0.value[Y]", "t0.value[X]"], plan["jobs"]![0]!["slots"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Theory]
    [InlineData(null, ".ll")]
    [InlineData("native", ".json")]
    public async Task A_dry_run_with_provider_noise_sends_it_in_the_input_params_and_shows_the_native_preset_beside_it(string? format, string extension)
    {
        string[] args = ["azure", "submit", "--target", "ionq.simulator", "--qubits", "4", "--depth", "1", "--shots", "300", "--provider-noise", "aria-1:1000",
            "--dry-run", directory, "--endpoint", "https://127.0.0.1:9/"];
        if (format is not null) args = [.. args, "--format", format];

        Assert.Equal(0, await Program.Main(args));

        Assert.True(File.Exists(Path.Combine(directory, "job-000.input" + extension)));
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "job-000.request.json")))!;
        Assert.Equal(300, request["inputParams"]!["shots"]!.GetValue<int>());
        Assert.Equal("{\"model\":\"aria-1\",\"seed\":1000}", request["inputParams"]!["noise"]!.ToJsonString());
        var noise = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "plan.json")))!["providerNoise"]!;
        Assert.Equal("aria-1", noise["model"]!.GetValue<string>());
        Assert.Equal("ionq-aria", noise["nativePreset"]!.GetValue<string>());
        Assert.Equal("1q@depolarizing:0.000375+pair-depolarizing:0.01246875", noise["nativeEquivalent"]!.GetValue<string>());
        Assert.Equal("depolarizing:0.00075", noise["nativeChannels"]!["afterOneQubitGates"]!.GetValue<string>());
        Assert.Contains("r1q = 0.0005", noise["ionqModel"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("quantinuum.sim.h2-1e", null, 32, "provider-quantinuum")]
    [InlineData("ionq.simulator", "aria-1", 25, "25 qubits for the aria-1 noise model")]
    public async Task A_dry_run_packs_into_the_limit_of_the_jobs_mode_and_states_it_with_its_source(string target, string? noise, int qubits, string source)
    {
        string[] args = ["azure", "submit", "--target", target, "--qubits", "4", "--depth", "1", "--tokens", "2", "--format", "native", "--dry-run", directory, "--endpoint", "https://127.0.0.1:9/"];
        if (noise is not null) args = [.. args, "--provider-noise", noise];

        Assert.Equal(0, await Program.Main(args));

        var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "plan.json")))!;
        Assert.Equal(qubits, plan["registerLimit"]!["qubits"]!.GetValue<int>());
        Assert.Contains(source, plan["registerLimit"]!["source"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(plan["jobs"]!.AsArray(), j => Assert.True(j!["qubits"]!.GetValue<int>() <= qubits));
        Assert.Equal(2, plan["jobs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Provider_noise_on_a_quantinuum_target_is_refused_before_anything_is_written()
    {
        var exit = await Program.Main(["azure", "submit", "--target", "quantinuum.sim.h2-1e", "--provider-noise", "aria-1", "--dry-run", directory, "--endpoint", "https://127.0.0.1:9/"]);

        Assert.NotEqual(0, exit);
        Assert.False(Directory.Exists(directory));
    }
}

using System.Text.Json.Nodes;
using QSan.Cli;
using QSan.Tests.Quantum.Qsann;

namespace QSan.Tests.Azure;

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
}

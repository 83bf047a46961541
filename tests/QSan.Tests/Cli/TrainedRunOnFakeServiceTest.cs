using System.Text.Json;
using QSan.Cli;
using QSan.Tests.Azure;
using QSan.Tests.Data;
using QSan.Tests.Training;

namespace QSan.Tests.Cli;

/// <summary>
/// A test class for <c>evaluate</c> on Azure backends: a model trained with the native engine in a folder of its own,
/// its own fake Azure Quantum service, and the CLI pointed at that service.
/// </summary>
/// <param name="useQSharp">Whether the CLI compiles the Q# project (QIR payloads) or uses the cached circuits.</param>
public abstract class TrainedRunOnFakeServiceTest(bool useQSharp) : FakeServiceTest
{
    private readonly TemporaryDirectory folder = new();

    /// <summary>The test class's own folder.</summary>
    protected string Folder => folder.Path;

    /// <summary>The trained run's folder.</summary>
    protected string Run => Path.Combine(folder.Path, "run");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 6), Run);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>Runs the CLI with the fake service's certificate trusted.</summary>
    protected (int ExitCode, string Output, string Error) Cli(params string[] args) =>
        CliRunner.RunWith(useQSharp, context => context with { AzureClientOptions = Fake.ClientOptions() }, args);

    /// <summary>The accuracy and loss of every split in <c>evaluate --json</c> output, by split name.</summary>
    protected static Dictionary<string, (double Accuracy, double Loss)> Scores(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("scores").EnumerateArray()
            .ToDictionary(s => s.GetProperty("split").GetString()!, s => (s.GetProperty("accuracy").GetDouble(), s.GetProperty("loss").GetDouble()));
    }
}

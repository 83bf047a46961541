using System.Text.Json;
using QSan.Tests.Cli;
using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

/// <summary>Training through Microsoft's Q# simulator (slow: every circuit evaluation is a Q# program run by the bridge).</summary>
public sealed class QSharpBackendTests
{
    [Fact]
    public void Training_on_the_QSharp_simulator_reproduces_the_native_engines_weights_and_accuracies_on_MC_sentences()
    {
        using var folder = new TemporaryDirectory();
        var mc = File.ReadAllLines(SharedDatasets.PathOf("mc_train_data.txt"));
        var train = folder.Write("train.txt", string.Join('\n', mc[..8]));
        var test = folder.Write("test.txt", string.Join('\n', mc[8..12]));
        string[] Args(string backend) =>
        [
            "train", "--train", train, "--test", test, "--qubits", "2", "--epochs", "1", "--batch-size", "4", "--validation-fraction", "0",
            "--init-std", "0.5", "--backend", backend, "--json", "--output", Path.Combine(folder.Path, backend),
        ];

        var native = CliRunner.Run(useQSharp: true, Args("native"));
        var qsharp = CliRunner.Run(useQSharp: true, Args("qsharp"));
        Assert.True(qsharp.ExitCode == 0, qsharp.Error);
        using var a = JsonDocument.Parse(native.Output);
        using var b = JsonDocument.Parse(qsharp.Output);
        Assert.Equal("qsharp", b.RootElement.GetProperty("backend").GetString());
        foreach (var field in new[] { "testAccuracy", "trainAccuracy" })
            Assert.Equal(a.RootElement.GetProperty(field).GetDouble(), b.RootElement.GetProperty(field).GetDouble());
        Assert.Equal(a.RootElement.GetProperty("testLoss").GetDouble(), b.RootElement.GetProperty("testLoss").GetDouble(), 10);

        var nativeRun = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "native")));
        var qsharpWeights = CheckpointFile.Read(RunFolder.CheckpointPath(Path.Combine(folder.Path, "qsharp"))).Weights;
        Assert.Equal(2, nativeRun.Optimizer.StepCount);
        foreach (var (name, values) in nativeRun.Weights)
        {
            // Two Adam steps moved every weight by about the learning rate; the backends agree far below that.
            for (var i = 0; i < values.Length; i++) Assert.Equal(values[i], qsharpWeights[name][i], 10);
        }
    }
}

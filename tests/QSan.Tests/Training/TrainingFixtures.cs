using QSan.Data;
using QSan.Experiments;
using QSan.Model;
using QSan.Training;

namespace QSan.Tests.Training;

/// <summary>Short runs on the built-in corpus with QSANN's circuits built in C# on the native engine.</summary>
internal static class TrainingFixtures
{
    public static TrainingOptions Builtin(int epochs = 4, int seed = 1, ModelKind kind = ModelKind.Qsann) =>
        new(new DataSpec(BuiltInCorpus.Name), new ModelConfig(kind, Qubits: 2, Depth: 1, ClassicalDimension: 6), Epochs: epochs, Seed: seed);

    public static Task<TrainingRunState> StartAsync(TrainingOptions options, string directory) =>
        TrainingRunState.CreateAsync(options, directory, new TemplateCircuitSource());

    /// <summary>Trains as programs do (<see cref="TrainingRun"/>): the run folder gets its figures too.</summary>
    public static async Task<TrainingResult> TrainAsync(TrainingOptions options, string directory)
    {
        using var run = await TrainingRun.CreateAsync(options, directory, new TemplateCircuitSource());
        return run.Train();
    }

    /// <summary>Cancels the run once the given epoch's checkpoint is written, as a crash right after it would.</summary>
    public sealed class StopAfter(int epoch, CancellationTokenSource source) : ITrainingObserver
    {
        public void OnBatch(int e, int batch, int batches)
        {
        }

        public void OnEpoch(EpochMetrics metrics)
        {
            if (metrics.Epoch == epoch) source.Cancel();
        }
    }

    /// <summary>The parts of a checkpoint that must match bit for bit between equivalent runs (timings differ).</summary>
    public static void AssertSameTraining(Checkpoint expected, Checkpoint actual)
    {
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.RandomState, actual.RandomState);
        Assert.Equal(expected.BestEpoch, actual.BestEpoch);
        Assert.Equal(expected.BestValidationAccuracy, actual.BestValidationAccuracy);
        Assert.Equal(expected.BestValidationLoss, actual.BestValidationLoss);
        Assert.Equal(expected.Weights.Keys.Order(), actual.Weights.Keys.Order());
        foreach (var (name, values) in expected.Weights) Assert.Equal(values, actual.Weights[name]);
        foreach (var (name, values) in expected.BestWeights) Assert.Equal(values, actual.BestWeights[name]);
        Assert.Equal(expected.Optimizer.StepCount, actual.Optimizer.StepCount);
        Assert.Equal(expected.Optimizer.Buffers.Length, actual.Optimizer.Buffers.Length);
        for (var i = 0; i < expected.Optimizer.Buffers.Length; i++) Assert.Equal(expected.Optimizer.Buffers[i], actual.Optimizer.Buffers[i]);
        Assert.Equal(expected.History.Count, actual.History.Count);
        for (var i = 0; i < expected.History.Count; i++)
            Assert.Equal(expected.History[i] with { Seconds = 0, TokensPerSecond = 0 }, actual.History[i] with { Seconds = 0, TokensPerSecond = 0 });
        Assert.Equal(expected.Result is null, actual.Result is null);
        if (expected.Result is { } r)
            Assert.Equal(r with { TrainSeconds = 0, TokensPerSecond = 0, OutputDir = "" }, actual.Result! with { TrainSeconds = 0, TokensPerSecond = 0, OutputDir = "" });
    }
}

using System.Text.Json;
using QSan.Model;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Tests.Cli;
using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

/// <summary>Training and scoring under a noise model: the density-matrix engine behind the usual backends.</summary>
public sealed class NoisyTrainingTests
{
    private static TrainingOptions Noisy(int epochs, string noise = "depolarizing:0.02") => TrainingFixtures.Builtin(epochs) with { Noise = NoiseModel.Parse(noise) };

    [Fact]
    public async Task A_noisy_run_records_its_noise_model_in_the_checkpoint_and_the_result()
    {
        using var folder = new TemporaryDirectory();
        var result = await TrainingFixtures.TrainAsync(Noisy(2), folder.Path);

        Assert.Equal("native, noise depolarizing:0.02", result.Backend);
        var checkpoint = CheckpointFile.Read(RunFolder.CheckpointPath(folder.Path));
        Assert.Equal("depolarizing:0.02", checkpoint.Options.Noise?.Spec);
        var state = await TrainingRunState.OpenAsync(folder.Path, new TemplateCircuitSource());
        Assert.IsType<DensityMatrixEngine>(((QsannModel)state.Model).Quantum.Engine);
    }

    [Fact]
    public void Options_record_the_noise_model_as_its_specification_and_read_it_back_parsed()
    {
        var options = Noisy(1);
        var json = JsonSerializer.Serialize(options, Json.Compact);
        Assert.Contains("\"noise\":\"depolarizing:0.02\"", json);
        var read = JsonSerializer.Deserialize<TrainingOptions>(json, Json.Compact)!;
        Assert.Equal("depolarizing:0.02", read.Noise?.Spec);
        Assert.Equal(options, read);
    }

    [Fact]
    public void Options_written_before_noise_existed_read_as_noiseless()
    {
        var json = JsonSerializer.Serialize(TrainingFixtures.Builtin(1), Json.Compact);
        var old = json.Replace(",\"noise\":null", "", StringComparison.Ordinal);
        Assert.DoesNotContain("noise", old);
        var options = JsonSerializer.Deserialize<TrainingOptions>(old, Json.Compact)!;
        Assert.Null(options.Noise);
        Assert.Equal(BackendChoice.Native, options.BackendChoice);
    }

    [Fact]
    public async Task Noise_lowers_the_accuracy_a_noiselessly_trained_model_scores_and_none_restores_it()
    {
        using var folder = new TemporaryDirectory();
        await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 4), folder.Path);
        async Task<double> Loss(BackendChoice backend)
        {
            var state = await TrainingRunState.OpenAsync(folder.Path, new TemplateCircuitSource(), backend);
            return TrainingLoop.Evaluate(state.Model, state.Train, state.Options.Loss).Loss;
        }
        var clean = await Loss(BackendChoice.Native);
        var none = await Loss(BackendChoice.Native.WithNoise(NoiseModel.None));
        var heavy = await Loss(BackendChoice.Native.WithNoise(NoiseModel.Parse("depolarizing:0.2")));
        Assert.Equal(clean, none, 12);
        Assert.True(heavy > clean, $"loss {clean} clean, {heavy} under depolarizing 0.2");
    }

    [Fact]
    public void Noise_is_refused_where_it_cannot_be_simulated()
    {
        Assert.Throws<NoiseException>(() => BackendChoice.QSharp.WithNoise(NoiseModel.IonQAria));
        Assert.Throws<NoiseException>(() => BackendChoice.Azure("ionq.simulator").WithNoise(NoiseModel.IonQAria));
        var csann = TrainingFixtures.Builtin(1, kind: ModelKind.Csann) with { Noise = NoiseModel.Parse("depolarizing:0.1") };
        Assert.Contains("CSANN", Assert.Throws<ArgumentException>(() => csann.Validate()).Message);
    }

    [Fact]
    public void The_command_line_trains_and_evaluates_under_noise_with_shots_too()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "run");
        var run = CliRunner.Run("train", "--noise", "amplitude-damping:0.05", "--backend", "shots:50", "--epochs", "1", "--json", "--output", path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"backend\":\"shots:50, noise amplitude-damping:0.05\"", run.Output);

        foreach (var preset in new[] { "ionq-aria", "ionq-forte" })
        {
            var evaluated = CliRunner.Run("evaluate", path, "--noise", preset, "--split", "test", "--json");
            Assert.True(evaluated.ExitCode == 0, evaluated.Error);
            Assert.Contains($"noise {preset}", evaluated.Output);
        }
        CliRunner.AssertFails(CliRunner.Run("evaluate", path, "--noise", "ionq-fort"), "ionq-forte");
        CliRunner.AssertFails(CliRunner.Run("train", "--noise", "depolarizing:2", "--output", Path.Combine(folder.Path, "bad")), "[0, 1]");
    }
}

using QSan.Cli;
using QSan.Tests.Data;

namespace QSan.Tests.Cli;

public sealed class CliErrorTests
{
    [Fact]
    public void A_missing_training_file_is_one_line_naming_the_file()
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, "nope.txt");
        CliRunner.AssertFails(CliRunner.Run("train", "--train", missing, "--output", Path.Combine(folder.Path, "run")), missing);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_its_file_and_line_number()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("train.txt", "1 chef cooks meal .\n0 man runs program .\nchef bakes bread\n");
        CliRunner.AssertFails(CliRunner.Run("train", "--train", file, "--output", Path.Combine(folder.Path, "run")), $"{file}:3:");
    }

    [Fact]
    public void An_empty_sentence_is_reported_with_its_line()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("train.tsv", "good food\t1\n\t0\n");
        var run = CliRunner.Run("train", "--train", file, "--output", Path.Combine(folder.Path, "run"));
        CliRunner.AssertFails(run, $"{file}:2:");
        Assert.Contains("empty sentence", run.Error);
    }

    [Fact]
    public void A_label_other_than_0_or_1_is_reported_with_its_line()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("train.tsv", "good food\t1\nbad food\t2\n");
        var run = CliRunner.Run("train", "--train", file, "--output", Path.Combine(folder.Path, "run"));
        CliRunner.AssertFails(run, $"{file}:2:");
        Assert.Contains("label must be 0 or 1", run.Error);
    }

    [Fact]
    public void An_unknown_backend_is_one_line_naming_the_choices()
    {
        var run = CliRunner.Run("train", "--backend", "gpu");
        CliRunner.AssertFails(run, "'gpu'");
        Assert.Contains("native, qsharp or shots:<count>", run.Error);
    }

    [Fact]
    public void An_unknown_dataset_is_one_line_listing_the_known_ones()
    {
        var run = CliRunner.Run("train", "--dataset", "twitter");
        CliRunner.AssertFails(run, "twitter");
        Assert.Contains("yelp", run.Error);
    }

    [Fact]
    public void Out_of_range_settings_are_one_line_each()
    {
        CliRunner.AssertFails(CliRunner.Run("train", "--epochs", "0"), "--epochs");
        CliRunner.AssertFails(CliRunner.Run("train", "--validation-fraction", "1.5"), "--validation-fraction");
        CliRunner.AssertFails(CliRunner.Run("train", "--qubits", "0"), "qubits");
        CliRunner.AssertFails(CliRunner.Run("train", "--epochs", "many"), "many");
        CliRunner.AssertFails(CliRunner.Run("train", "--tokenizer", "characters", "--negation"), "--negation");
    }

    [Fact]
    public void The_library_names_the_setting_and_the_command_line_names_the_flag()
    {
        var options = QSan.Training.TrainingPresets.Paper(QSan.Training.DataSpec.BuiltIn) with { LearningRate = -1, ValidationFolds = 1 };
        Assert.StartsWith("TrainingOptions.LearningRate must be a positive number", Assert.Throws<ArgumentException>(() => options.Validate()).Message);
        CliRunner.AssertFails(CliRunner.Run("train", "--lr", "-1"), "--lr must be a positive number; got -1.");
        CliRunner.AssertFails(CliRunner.Run("train", "--validation-folds", "1"), "--validation-folds must be 0 (off) or at least 2; got 1.");
        CliRunner.AssertFails(CliRunner.Run("train", "--backend", "azure:ionq.simulator"), "train with --backend shots:<count> to see training on shots, then evaluate --backend azure:<target>.");
        CliRunner.AssertFails(CliRunner.Run("estimate", "--error-budget", "0"), "--error-budget must lie between 0 and 1");
    }

    [Fact]
    public void Evaluation_and_gan_settings_are_named_in_the_library_and_told_in_flags()
    {
        var request = new QSan.Evaluation.EvaluationRequest("/nonexistent/qsan-run", Split: "dev");
        Assert.StartsWith("Unknown value 'dev' for EvaluationRequest.Split", Assert.Throws<ArgumentException>(() => request.Validate()).Message);
        CliRunner.AssertFails(CliRunner.Run("evaluate", "/nonexistent/qsan-run", "--split", "dev"), "Unknown value 'dev' for --split: use train, validation or test.");
        var gan = new QSan.Torch.Generative.GanOptions("digits", Channels: 1);
        Assert.StartsWith("GanOptions.Channels must be at least 2", Assert.Throws<QSan.Generative.GanException>(() => gan.Validate()).Message);
        CliRunner.AssertFails(CliRunner.Run("gan", "train", "--data", "digits", "--channels", "1"), "--channels must be at least 2; got 1.");
    }

    [Fact]
    public void Setting_names_become_flags_only_where_they_stand_alone()
    {
        Assert.Equal("--provider-noise needs it; --max-qubits 40 and --max-qubits 30; --format qasm: use --format qir.",
            SettingFlags.ToFlags("ProviderNoise needs it; AzureEvaluationSettings.MaxQubits 40 and MaxQubits 30; PayloadFormat.OpenQasm: use PayloadFormat.Qir."));
        Assert.Equal("ProviderNoise.Target, IonQProviderNoise and NoiseModel.MaxQubits stay.", SettingFlags.ToFlags("ProviderNoise.Target, IonQProviderNoise and NoiseModel.MaxQubits stay."));
        Assert.Equal("--validation-folds, then --validation-fold.", SettingFlags.ToFlags("TrainingOptions.ValidationFolds, then TrainingOptions.ValidationFold."));
        Assert.Equal("No Q# project found: pass --quantum-dir.", SettingFlags.ToFlags($"No Q# project found: {QSan.Quantum.Qsann.QuantumWorkspace.PassTheFolder}."));
    }

    [Fact]
    public void A_missing_run_folder_is_one_line_for_every_command_that_reads_one()
    {
        const string missing = "/nonexistent/qsan-run";
        CliRunner.AssertFails(CliRunner.Run("inspect", missing), missing);
        CliRunner.AssertFails(CliRunner.Run("evaluate", missing), missing);
        CliRunner.AssertFails(CliRunner.Run("predict", "a sentence", "--model-dir", missing), missing);
        CliRunner.AssertFails(CliRunner.Run("train", "--resume", missing), missing);
    }
}

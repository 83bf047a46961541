using System.Text.RegularExpressions;
using QSan.Azure.Connection;
using QSan.Azure.Engines;
using QSan.Azure.Targets;
using QSan.Benchmarks;
using QSan.Data;
using QSan.Evaluation;
using QSan.Quantum.Engine;
using QSan.Quantum.Estimation;
using QSan.Quantum.Qsann;
using QSan.Torch.Generative;
using QSan.Training;

namespace QSan.Cli;

/// <summary>
/// The library's errors name what its caller set (<c>TrainingOptions.LearningRate</c>), since programs and notebooks call
/// it too; on the command line those settings are flags, so its errors are told in flags (<c>--lr</c>).
/// </summary>
public static class SettingFlags
{
    private static readonly (string Setting, string Flag)[] Names =
    [
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.Epochs)}", "--epochs"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.BatchSize)}", "--batch-size"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.LearningRate)}", "--lr"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.WeightDecay)}", "--weight-decay"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.Lambda)}", "--lambda"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.ValidationFraction)}", "--validation-fraction"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.DecoupledWeightDecay)}", "--decoupled-weight-decay"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.WordDropout)}", "--word-dropout"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.ValidationFolds)}", "--validation-folds"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.ValidationFold)}", "--validation-fold"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.MinCount)}", "--min-count"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.Patience)}", "--patience"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.Backend)}", "--backend"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.Shots)}", "--backend shots:N"),
        ($"{nameof(TrainingOptions)}.{nameof(TrainingOptions.Noise)}", "--noise"),
        (TrainingOptions.TrainOnShots, "train with --backend shots:<count>"),
        (TrainingOptions.EvaluateOnTarget, "evaluate --backend azure:<target>"),
        ($"{nameof(DataSpec)}.{nameof(DataSpec.Dataset)}", "--dataset"),
        ($"{nameof(DataSpec)}.{nameof(DataSpec.TrainFile)}", "--train"),
        ($"{nameof(DataSpec)}.{nameof(DataSpec.TestFile)}", "--test"),
        ($"{nameof(DataSpec)}.{nameof(DataSpec.ValidationFile)}", "--validation"),
        ($"{nameof(DataSpec)}.{nameof(DataSpec.MarkNegation)}", "--negation"),
        ($"{nameof(DataSpec)}.{nameof(DataSpec.Tokenizer)}", "--tokenizer"),
        ($"{nameof(NoiseBenchmarkPlan)}.{nameof(NoiseBenchmarkPlan.Epochs)}", "--epochs"),
        ($"{nameof(EstimationRequest)}.{nameof(EstimationRequest.Qubits)}", "--qubits"),
        ($"{nameof(EstimationRequest)}.{nameof(EstimationRequest.Depth)}", "--depth"),
        ($"{nameof(EstimationRequest)}.{nameof(EstimationRequest.Tokens)}", "--tokens"),
        ($"{nameof(EstimationRequest)}.{nameof(EstimationRequest.ErrorBudget)}", "--error-budget"),
        (Evaluation(nameof(EvaluationRequest.Dataset)), "--dataset"),
        (Evaluation(nameof(EvaluationRequest.File)), "--file"),
        (Evaluation(nameof(EvaluationRequest.Split)), "--split"),
        (Evaluation(nameof(EvaluationRequest.Backend)), "--backend"),
        (Evaluation(nameof(EvaluationRequest.SamplingSeed)), "--seed"),
        (OnAzure(nameof(AzureEvaluationSettings.Shots)), "--shots"),
        (OnAzure(nameof(AzureEvaluationSettings.Format)), "--format"),
        (OnAzure(nameof(AzureEvaluationSettings.MaxQubits)), "--max-qubits"),
        (OnAzure(nameof(AzureEvaluationSettings.DryRunDirectory)), "--dry-run"),
        (OnAzure(nameof(AzureEvaluationSettings.ConfirmCost)), "--yes"),
        (OnAzure(nameof(AzureEvaluationSettings.ProviderNoise)), "--provider-noise"),
        ($"{nameof(BackendChoice)}.{nameof(BackendChoice.Noise)}", "--noise"),
        (Submission(nameof(CircuitSubmissionRequest.Tokens)), "--tokens"),
        (Submission(nameof(CircuitSubmissionRequest.Shots)), "--shots"),
        (Submission(nameof(CircuitSubmissionRequest.MaxQubits)), "--max-qubits"),
        (Submission(nameof(CircuitSubmissionRequest.ConfirmCost)), "--yes"),
        ($"{nameof(AzureBackendOptions)}.{nameof(AzureBackendOptions.MaxQubits)}", "--max-qubits"),
        ($"{nameof(AzureBackendOptions)}.{nameof(AzureBackendOptions.Confirm)}", "--yes"),
        (RegisterLimit.RequestedSetting, "--max-qubits"),
        ($"{nameof(PayloadFormat)}.{nameof(PayloadFormat.OpenQasm)}", "--format qasm"),
        ($"{nameof(PayloadFormat)}.{nameof(PayloadFormat.Qir)}", "--format qir"),
        (nameof(ProviderNoise), "--provider-noise"),
        (Workspace(nameof(AzureSettingsInput.ConnectionString)), "--connection-string"),
        (Workspace(nameof(AzureSettingsInput.ResourceId)), "--resource-id"),
        (Workspace(nameof(AzureSettingsInput.SubscriptionId)), "--subscription"),
        (Workspace(nameof(AzureSettingsInput.ResourceGroup)), "--resource-group"),
        (Workspace(nameof(AzureSettingsInput.Workspace)), "--workspace"),
        (Workspace(nameof(AzureSettingsInput.Location)), "--location"),
        (Workspace(nameof(AzureSettingsInput.Endpoint)), "--endpoint"),
        ($"{nameof(DatasetResolver)}.{nameof(DatasetResolver.DataDirectory)}", "--data-dir"),
        ($"{nameof(ImageDataOptions)}.{nameof(ImageDataOptions.DataDirectory)}", "--data-dir"),
        (QuantumWorkspace.PassTheFolder, "pass --quantum-dir"),
        ($"{nameof(TrainingRunState)}.{nameof(TrainingRunState.ResumeAsync)}", "--resume"),
        ($"{nameof(GanRunState)}.{nameof(GanRunState.ResumeAsync)}", "--resume"),
        (GanBenchmark.RunsFolder, "--runs folder"),
        (Gan(nameof(GanOptions.Data)), "--data"),
        (Gan(nameof(GanOptions.Attention)), "--attention"),
        (Gan(nameof(GanOptions.DataDirectory)), "--data-dir"),
        (Gan(nameof(GanOptions.Channels)), "--channels"),
        (Gan(nameof(GanOptions.LatentSize)), "--latent"),
        (Gan(nameof(GanOptions.Qubits)), "--qubits"),
        (Gan(nameof(GanOptions.Depth)), "--depth"),
        (Gan(nameof(GanOptions.Heads)), "--heads"),
        (Gan(nameof(GanOptions.KeyWidth)), "--key-width"),
        (Gan(nameof(GanOptions.ValueWidth)), "--value-width"),
        (Gan(nameof(GanOptions.GeneratorLearningRate)), "--lr-g"),
        (Gan(nameof(GanOptions.DiscriminatorLearningRate)), "--lr-d"),
        (Gan(nameof(GanOptions.Beta1)), "--beta1"),
        (Gan(nameof(GanOptions.Beta2)), "--beta2"),
        (Gan(nameof(GanOptions.Epochs)), "--epochs"),
        (Gan(nameof(GanOptions.BatchSize)), "--batch-size"),
        (Gan(nameof(GanOptions.TrainImages)), "--train-images"),
        (Gan(nameof(GanOptions.SampleEvery)), "--sample-every"),
        (Gan(nameof(GanOptions.Threads)), "--threads"),
        (Gan(nameof(GanOptions.Backend)), "--backend"),
        (Gan(nameof(GanOptions.AttentionSide)), "--attention-side"),
    ];

    private static readonly Dictionary<string, string> FlagOf = Names.ToDictionary(n => n.Setting, n => n.Flag, StringComparer.Ordinal);

    // A name stands alone (not inside a longer name: ProviderNoise in AzureEvaluationSettings.ProviderNoise or
    // ProviderNoise.Target); of names at one place, the longest wins, so ValidationFolds is not read as ValidationFold.
    private static readonly Regex Settings = new(
        $@"(?<![\w.])(?:{string.Join("|", Names.Select(n => n.Setting).OrderByDescending(s => s.Length).Select(Regex.Escape))})(?!\w|\.\w)",
        RegexOptions.CultureInvariant);

    /// <summary><paramref name="message"/> with every library setting it names replaced by its flag.</summary>
    public static string ToFlags(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Settings.Replace(message, m => FlagOf[m.Value]);
    }

    private static string Evaluation(string property) => $"{nameof(EvaluationRequest)}.{property}";

    private static string OnAzure(string property) => $"{nameof(AzureEvaluationSettings)}.{property}";

    private static string Submission(string property) => $"{nameof(CircuitSubmissionRequest)}.{property}";

    private static string Workspace(string property) => $"{nameof(AzureSettingsInput)}.{property}";

    private static string Gan(string property) => $"{nameof(GanOptions)}.{property}";
}

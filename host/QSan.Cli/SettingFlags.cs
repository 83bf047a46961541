using QSan.Benchmarks;
using QSan.Quantum.Estimation;
using QSan.Training;

namespace QSan.Cli;

/// <summary>
/// The library's errors name what its caller set (<c>TrainingOptions.LearningRate</c>), since programs and notebooks call
/// it too; on the command line those settings are flags, so its errors are told in flags (<c>--lr</c>).
/// </summary>
public static class SettingFlags
{
    // Longest first, so ValidationFolds is replaced before ValidationFold.
    private static readonly (string Setting, string Flag)[] Names = [.. new (string, string)[]
    {
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
    }.OrderByDescending(n => n.Item1.Length)];

    /// <summary><paramref name="message"/> with every library setting it names replaced by its flag.</summary>
    public static string ToFlags(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (setting, flag) in Names) message = message.Replace(setting, flag, StringComparison.Ordinal);
        return message;
    }
}

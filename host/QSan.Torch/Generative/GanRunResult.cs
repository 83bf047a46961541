using QSan.Generative;

namespace QSan.Torch.Generative;

/// <summary>A finished GAN run's figures, as <c>result.json</c> holds them.</summary>
/// <param name="Data">The images.</param>
/// <param name="Attention">none, classical, classical-matched or quantum.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Channels">c, the networks' base width (G: 2c then c channels; D: c then 2c).</param>
/// <param name="AttentionParameters">Parameters of the generator's attention block, γ included.</param>
/// <param name="Parameters">Parameters of both networks.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="SecondsPerEpoch">Mean seconds of an epoch's training steps.</param>
/// <param name="Frechet">Fréchet distance at the end.</param>
/// <param name="BestFrechet">The lowest per-epoch Fréchet distance.</param>
/// <param name="EpochsToThreshold">The first epoch whose Fréchet distance is within 1.5× of <paramref name="BestFrechet"/> (the talk's "faster training").</param>
/// <param name="Floor">The real-vs-real Fréchet distance (two halves of the test images).</param>
/// <param name="Coverage">Class coverage at the end.</param>
/// <param name="ClassifierAccuracy">The domain classifier's test accuracy.</param>
/// <param name="Samples">Images scored.</param>
/// <param name="FrechetByEpoch">The Fréchet distance after each epoch.</param>
public sealed record GanRunResult(string Data, string Attention, int Seed, int Channels, long AttentionParameters, long Parameters, int Epochs,
    double SecondsPerEpoch, double Frechet, double BestFrechet, int EpochsToThreshold, double Floor, double Coverage, double ClassifierAccuracy, int Samples,
    double[] FrechetByEpoch)
{
    /// <summary>How far above its best a run's Fréchet distance may be and count as arrived.</summary>
    public const double ThresholdFactor = 1.5;

    /// <summary>Epochs averaged by <see cref="LateFrechet"/>.</summary>
    public const int LateEpochs = 10;

    /// <summary>
    /// The mean Fréchet distance of the last <see cref="LateEpochs"/> epochs (all, if fewer): the distance of one epoch
    /// moves by a third or more from one epoch to the next, so a single epoch ranks runs by chance.
    /// </summary>
    public double LateFrechet => FrechetByEpoch.Length == 0 ? Frechet : FrechetByEpoch[^Math.Min(LateEpochs, FrechetByEpoch.Length)..].Average();

    /// <summary>The figures of a run that has a result.</summary>
    public static GanRunResult From(GanRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var score = state.Result ?? throw new InvalidOperationException("The run has no result yet.");
        var curve = state.History.Select(h => h.Frechet).ToArray();
        var best = curve.Length > 0 ? curve.Min() : score.Frechet;
        return new GanRunResult(state.Data.Name, GanOptions.Name(state.Options.Attention), state.Options.Seed, state.Shape.Channels,
            state.AttentionParameterCount, state.ParameterCount, state.Epoch, state.Epoch > 0 ? state.TrainSeconds / state.Epoch : 0,
            score.Frechet, best, FirstEpochNearBest(curve), score.Floor, score.Coverage, score.ClassifierAccuracy, score.Samples, curve);
    }

    /// <summary>The first epoch (1-based) whose value is within <see cref="ThresholdFactor"/> of the curve's minimum; 0 for an empty curve.</summary>
    public static int FirstEpochNearBest(IReadOnlyList<double> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0) return 0;
        var threshold = ThresholdFactor * curve.Min();
        for (var i = 0; i < curve.Count; i++)
            if (curve[i] <= threshold) return i + 1;
        return curve.Count;
    }
}

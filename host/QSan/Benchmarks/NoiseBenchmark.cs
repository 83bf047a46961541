using System.Diagnostics;
using System.Globalization;
using QSan.Data;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;
using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>What <see cref="NoiseBenchmark"/> measures.</summary>
/// <param name="Datasets">Datasets, each trained with the paper's preset for it.</param>
/// <param name="Seeds">Seeds per dataset (splits, initialisation, shuffling).</param>
/// <param name="Channels">Channels evaluated, each alone after every gate on each qubit it touched.</param>
/// <param name="Strengths">The ladder of strengths (probabilities) each channel is evaluated at; 0 is the noiseless model.</param>
/// <param name="TrainingStrengths">Depolarizing strengths QSANN is also trained under (and then scored at); empty for none.</param>
/// <param name="Epochs">Overrides the presets' epoch counts (quick checks), or null.</param>
/// <param name="DataDirectory">Folder with the datasets' files, or null for the default.</param>
public sealed record NoiseBenchmarkPlan(
    IReadOnlyList<string> Datasets,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<NoiseChannelKind> Channels,
    IReadOnlyList<double> Strengths,
    IReadOnlyList<double> TrainingStrengths,
    int? Epochs = null,
    string? DataDirectory = null)
{
    /// <summary>The paper's robustness study: MC and the UCI sets, three seeds, every channel but the general Pauli one, 0 to 0.1.</summary>
    public static NoiseBenchmarkPlan Default { get; } = new(
        ["mc", "yelp", "imdb", "amazon"], [1, 2, 3],
        [NoiseChannelKind.Depolarizing, NoiseChannelKind.AmplitudeDamping, NoiseChannelKind.PhaseDamping, NoiseChannelKind.BitFlip, NoiseChannelKind.PhaseFlip],
        [0, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1], [1e-2, 1e-1]);

    /// <summary>Throws <see cref="ArgumentException"/> for an empty list or a strength outside [0, 1].</summary>
    public NoiseBenchmarkPlan Validate()
    {
        if (Datasets.Count == 0 || Seeds.Count == 0 || Channels.Count == 0 || Strengths.Count == 0)
            throw new ArgumentException("The noise study needs at least one dataset, seed, channel and strength.");
        if (Channels.Contains(NoiseChannelKind.Pauli))
            throw new ArgumentException("The noise study sweeps one-parameter channels; the general Pauli channel has three (evaluate a run under pauli:px:py:pz instead).");
        foreach (var p in Strengths.Concat(TrainingStrengths))
            if (!(p >= 0 && p <= 1)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Noise strengths are probabilities in [0, 1]; got {p}."));
        if (Epochs is < 1) throw new ArgumentException($"{nameof(NoiseBenchmarkPlan)}.{nameof(Epochs)} must be at least 1; got {Epochs}.");
        return this;
    }
}

/// <summary>One point of the study: a dataset's mean test accuracy over seeds with one channel at one strength.</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Channel">The channel's name (e.g. <c>depolarizing</c>).</param>
/// <param name="Strength">Its probability after every gate.</param>
/// <param name="TrainedUnderNoise">Whether the model was trained under this channel and strength (otherwise noiselessly).</param>
/// <param name="TestAccuracyMean">Mean test accuracy over seeds.</param>
/// <param name="TestAccuracyStd">Sample standard deviation over seeds (0 for one seed).</param>
/// <param name="Seeds">Seeds averaged.</param>
public sealed record NoiseRow(string Dataset, string Channel, double Strength, bool TrainedUnderNoise, double TestAccuracyMean, double TestAccuracyStd, int Seeds);

/// <summary>
/// The paper's robustness study, measured: QSANN trained noiselessly on each dataset (the paper's preset, several seeds),
/// then its test split scored under each channel at each strength (exact noisy expectations on the density-matrix
/// engine); and QSANN trained under depolarizing noise at a few strengths and scored under the same noise, to show
/// what noise-aware training recovers. Run folders go to a scratch directory that is deleted afterwards.
/// </summary>
/// <param name="circuits">QSANN's circuits.</param>
public sealed class NoiseBenchmark(ICircuitSource circuits)
{
    private readonly ICircuitSource circuits = circuits ?? throw new ArgumentNullException(nameof(circuits));

    /// <summary>Runs the plan; <paramref name="progress"/> hears a line per training run.</summary>
    public async Task<(IReadOnlyList<NoiseRow> Rows, double Seconds)> RunAsync(NoiseBenchmarkPlan plan, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var clock = Stopwatch.StartNew();
        var scratch = Path.Combine(Path.GetTempPath(), "qsan-bench-noise-" + Guid.NewGuid().ToString("N"));
        var accuracies = new Dictionary<(string Dataset, string Channel, double Strength, bool Trained), List<double>>();
        void Add(string dataset, string channel, double strength, bool trained, double accuracy)
        {
            var key = (dataset, channel, strength, trained);
            if (!accuracies.TryGetValue(key, out var list)) accuracies[key] = list = [];
            list.Add(accuracy);
        }
        try
        {
            var run = 0;
            foreach (var dataset in plan.Datasets)
                foreach (var seed in plan.Seeds)
                {
                    var options = TrainingPresets.Paper(DataSpec.Named(dataset, plan.DataDirectory), Model.ModelKind.Qsann, seed);
                    if (plan.Epochs is { } epochs) options = options with { Epochs = epochs };
                    var folder = Path.Combine(scratch, $"run{run++}");
                    progress?.Invoke($"{dataset} seed {seed}: training noiselessly");
                    await TrainAsync(options, folder, cancellationToken).ConfigureAwait(false);
                    foreach (var kind in plan.Channels)
                        foreach (var strength in plan.Strengths)
                            Add(dataset, NoiseChannel.KindName(kind), strength, false,
                                await TestAccuracyAsync(folder, ChannelModel(kind, strength), cancellationToken).ConfigureAwait(false));
                    Directory.Delete(folder, recursive: true);

                    foreach (var strength in plan.TrainingStrengths)
                    {
                        var noisy = ChannelModel(NoiseChannelKind.Depolarizing, strength);
                        folder = Path.Combine(scratch, $"run{run++}");
                        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{dataset} seed {seed}: training under depolarizing {strength}"));
                        await TrainAsync(options with { Noise = noisy }, folder, cancellationToken).ConfigureAwait(false);
                        Add(dataset, "depolarizing", strength, true, await TestAccuracyAsync(folder, noisy, cancellationToken).ConfigureAwait(false));
                        Directory.Delete(folder, recursive: true);
                    }
                }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        var rows = accuracies.Select(kv => new NoiseRow(kv.Key.Dataset, kv.Key.Channel, kv.Key.Strength, kv.Key.Trained, kv.Value.Average(), SampleStatistics.StandardDeviation(kv.Value), kv.Value.Count))
            .ToList();
        return (rows, clock.Elapsed.TotalSeconds);
    }

    private static NoiseModel ChannelModel(NoiseChannelKind kind, double strength) =>
        NoiseModel.AfterEveryGate(new NoiseChannel(kind, strength).Validate());

    private async Task TrainAsync(TrainingOptions options, string folder, CancellationToken cancellationToken)
    {
        var state = await TrainingRunState.CreateAsync(options, folder, circuits, cancellationToken).ConfigureAwait(false);
        TrainingLoop.Run(state, null, cancellationToken);
    }

    private async Task<double> TestAccuracyAsync(string folder, NoiseModel noise, CancellationToken cancellationToken)
    {
        var state = await TrainingRunState.OpenAsync(folder, circuits, BackendChoice.Native.WithNoise(noise), cancellationToken: cancellationToken).ConfigureAwait(false);
        return TrainingLoop.Evaluate(state.Model, state.Test, state.Options.Loss).Accuracy;
    }
}


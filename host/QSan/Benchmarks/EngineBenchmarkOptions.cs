namespace QSan.Benchmarks;

/// <summary>How <see cref="EngineBenchmark"/> measures.</summary>
/// <param name="Batch">Circuits (tokens) per engine call.</param>
/// <param name="Duration">Timed run per repetition of each figure, after warm-up.</param>
/// <param name="Repetitions">Repetitions per figure; the best is reported (other load on the machine only slows runs down).</param>
/// <param name="Seed">Seed for the random encoder angles, weights and cotangents.</param>
public sealed record EngineBenchmarkOptions(int Batch = 4096, double Duration = 0.5, int Repetitions = 3, int Seed = 1)
{
    /// <summary>The noise model of <c>bench engine</c>'s noisy rows: depolarizing p = 0.01 after every gate.</summary>
    public const string DefaultNoise = "depolarizing:0.01";

    /// <summary>The largest n <c>bench engine</c> measures the density-matrix engine at (a density matrix has 4ⁿ entries).</summary>
    public const int NoisyMaxQubits = 6;

    /// <summary>The defaults: batches of 4096, best of 3 half-second runs.</summary>
    public static EngineBenchmarkOptions Default { get; } = new();
}

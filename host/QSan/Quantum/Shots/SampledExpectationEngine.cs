using QSan.Quantum.Circuits;
using QSan.Quantum.Engine;

namespace QSan.Quantum.Shots;

/// <summary>
/// Expectations estimated from shots drawn from another engine's exact expectations: each ⟨P⟩ = E is measured
/// <see cref="Shots"/> times, each shot reading +1 with probability (1 + E)/2. This is how noisy circuits are sampled
/// (the density-matrix engine gives the exact noisy ⟨P⟩, which already folds in readout error). Each observable is
/// sampled on its own, so estimates of observables that hardware reads from one shot are independent here rather than
/// correlated; their means and variances are those of hardware.
/// </summary>
/// <param name="exact">The engine giving exact expectations.</param>
/// <param name="shots">Shots per observable (at least 1).</param>
/// <param name="seed">Seed of the sampling.</param>
public sealed class SampledExpectationEngine(IQuantumEngine exact, int shots, int seed = 1) : IQuantumEngine
{
    private readonly IQuantumEngine exact = exact ?? throw new ArgumentNullException(nameof(exact));
    private Random random = new(seed);

    /// <summary>Shots per observable.</summary>
    public int Shots { get; } = shots >= 1 ? shots : throw new ArgumentOutOfRangeException(nameof(shots), shots, "At least one shot.");

    /// <inheritdoc/>
    public string Name => $"{exact.Name}+shots:{Shots}";

    /// <summary>Restarts the sampling with <paramref name="seed"/>.</summary>
    public void Reseed(int seed) => random = new Random(seed);

    /// <inheritdoc/>
    public void Forward(BranchedCircuit circuit, int batch, ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> expectations)
    {
        exact.Forward(circuit, batch, inputs, weights, expectations);
        for (var i = 0; i < expectations.Length; i++)
        {
            var plus = (1 + Math.Clamp(expectations[i], -1, 1)) / 2;
            var count = 0;
            for (var s = 0; s < Shots; s++)
                if (random.NextDouble() < plus) count++;
            expectations[i] = 2.0 * count / Shots - 1;
        }
    }
}

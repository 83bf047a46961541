using System.Diagnostics;
using System.Globalization;
using QSan.Quantum.Bridge;
using QSan.Quantum.Import;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;

namespace QSan.Benchmarks;

/// <summary>
/// What Microsoft's noisy simulator (qsharp-lang's <c>runWithNoise</c>) costs on the QSANN token circuit: one noisy
/// trajectory per shot, so an expectation to ±0.01 needs <see cref="ShotsAtPlusMinusOnePercent"/> shots.
/// </summary>
/// <param name="Qubits">n.</param>
/// <param name="Depth">D.</param>
/// <param name="Px">X error probability after every gate and before measurement.</param>
/// <param name="Py">Y error probability.</param>
/// <param name="Pz">Z error probability.</param>
/// <param name="Shots">Shots of the larger timed call.</param>
/// <param name="SecondsPerShot">Marginal seconds per shot: (t₂ − t₁) / (N₂ − N₁) over two calls, so compilation and call overhead are not counted.</param>
/// <param name="Angles">The encoder angles of the timed circuit.</param>
/// <param name="Theta">The value ansatz's weights.</param>
/// <param name="ZEstimates">⟨Zq⟩ per qubit from the larger call's shots (basis Z).</param>
public sealed record MicrosoftNoisyTiming(int Qubits, int Depth, double Px, double Py, double Pz, int Shots, double SecondsPerShot,
    IReadOnlyList<double> Angles, IReadOnlyList<double> Theta, IReadOnlyList<double> ZEstimates)
{
    /// <summary>
    /// Shots for a standard error of 0.01 on one expectation in the worst case: √((1 − E²)/N) ≤ 1/√N = 0.01 at N = 10⁴.
    /// One shot measures every qubit in one basis, so this buys the n expectations of that basis.
    /// </summary>
    public const int ShotsAtPlusMinusOnePercent = 10_000;

    /// <summary>Seconds to estimate one basis's expectations to ±0.01.</summary>
    public double SecondsPerCircuitAtOnePercent => SecondsPerShot * ShotsAtPlusMinusOnePercent;

    /// <summary>The standard error of each <see cref="ZEstimates"/> entry, √((1 − E²)/shots).</summary>
    public double StandardError(int qubit) => Math.Sqrt(Math.Max(0, 1 - ZEstimates[qubit] * ZEstimates[qubit]) / Shots);
}

/// <summary>
/// Times Microsoft's noisy simulator through the bridge on the value circuit (encoder + value ansatz, measured in Z) of
/// the QSANN token: two <c>runWithNoise</c> calls of N₁ = N/4 and N shots after a warm-up, the marginal time per shot.
/// </summary>
public static class MicrosoftNoisyBenchmark
{
    private const string BenchFileName = "src/QSanGenerated/NoisyBenchmark.qs";

    /// <summary>
    /// Microsoft's Pauli noise equal to <paramref name="noise"/> — one Pauli channel, the same after one- and two-qubit
    /// gates, no readout error — or null when qsharp-lang cannot express it (amplitude or phase damping, per-kind strengths).
    /// </summary>
    public static (double Px, double Py, double Pz)? PauliEquivalent(NoiseModel noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (noise.ReadoutError != 0 || noise.PairDepolarizing != 0 || noise.AfterSingleQubitGates.Length != 1 || !noise.AfterSingleQubitGates.SequenceEqual(noise.AfterTwoQubitGates)) return null;
        var channel = noise.AfterSingleQubitGates[0];
        return channel.IsPauliChannel ? channel.PauliProbabilities : null;
    }

    /// <summary>Measures; <paramref name="shots"/> is N (at least 4).</summary>
    public static MicrosoftNoisyTiming Measure(QSharpBridge bridge, QSharpProject project, int numQubits, int depth, int shots, double px, double py, double pz, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentOutOfRangeException.ThrowIfLessThan(shots, 4);
        var random = new Random(seed);
        var d = numQubits * (depth + 2);
        double[] angles = [.. Enumerable.Range(0, d).Select(_ => random.NextDouble() * Math.PI)];
        double[] theta = [.. Enumerable.Range(0, d).Select(_ => random.NextDouble() * Math.PI)];
        var source = $$"""
            namespace QSanGenerated {
                operation NoisyToken() : Result[] {
                    {{QsannEntryPoints.Branches[2].HardwareCircuit}}({{numQubits}}, {{depth}}, {{QSharpLiteral.DoubleArray(angles)}}, {{QSharpLiteral.DoubleArray(theta)}}, PauliZ)
                }
            }
            """;
        var program = project.WithExtraSource(BenchFileName, source);
        var small = shots / 4;
        (double Seconds, IReadOnlyList<QSharpShot> Shots) Time(int count)
        {
            var watch = Stopwatch.StartNew();
            var result = bridge.RunShotsWithNoise(program, "QSanGenerated.NoisyToken()", count, px, py, pz);
            watch.Stop();
            return (watch.Elapsed.TotalSeconds, result);
        }
        Time(small); // compiles the program and warms the simulator, so both timed calls see the same state
        var (t1, _) = Time(small);
        var (t2, outcomes) = Time(shots);
        var marginal = t2 - t1;
        var perShot = marginal > 0 ? marginal / (shots - small) : t2 / shots;

        var ones = new int[numQubits];
        foreach (var shot in outcomes)
        {
            if (!shot.Success) throw new InvalidOperationException($"Microsoft's noisy simulator failed on the token circuit: {shot.Error?.Describe()}");
            var bits = shot.Result!.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries);
            if (bits.Length != numQubits) throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Expected {numQubits} results per shot, got '{shot.Result}'."));
            for (var q = 0; q < numQubits; q++) if (bits[q] == "One") ones[q]++;
        }
        return new MicrosoftNoisyTiming(numQubits, depth, px, py, pz, shots, perShot, angles, theta,
            [.. ones.Select(k => 1 - 2.0 * k / outcomes.Count)]);
    }
}

using System.Numerics;
using QSan.Quantum.Noise;
using Xunit;

namespace QSan.Tests.Quantum.Noise;

public sealed class NoiseChannelTests
{
    public static TheoryData<string> Channels() =>
    [
        "depolarizing:0.07", "amplitude-damping:0.3", "phase-damping:0.45", "bit-flip:0.2", "phase-flip:0.6", "pauli:0.1:0.05:0.2",
        "depolarizing:1", "amplitude-damping:1", "pauli:0:0:0",
    ];

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_channel_is_trace_preserving_by_its_Kraus_operators(string spec)
    {
        var sum = new Complex[2, 2];
        foreach (var k in NoiseChannel.Parse(spec).Kraus())
        {
            var kk = DenseReference.Multiply(DenseReference.Dagger(k), k);
            for (var i = 0; i < 2; i++) for (var j = 0; j < 2; j++) sum[i, j] += kk[i, j];
        }
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
                Assert.True(Complex.Abs(sum[i, j] - (i == j ? 1 : 0)) < 1e-14, $"Σ K†K [{i},{j}] = {sum[i, j]}");
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_channel_keeps_random_two_qubit_states_positive_with_unit_trace(string spec)
    {
        var channel = NoiseChannel.Parse(spec);
        var rng = new Random(spec.Length);
        for (var trial = 0; trial < 20; trial++)
        {
            var rho = RandomState(rng, 4);
            var after = DenseReference.ApplyChannel(rho, channel, trial % 2, 2);
            Assert.True(Complex.Abs(DenseReference.Trace(after) - 1) < 1e-12);
            AssertHermitianPositive(after);
        }
    }

    [Fact]
    public void Amplitude_damping_moves_population_to_zero_and_shrinks_coherence_by_the_square_root()
    {
        var s = NoiseChannel.AmplitudeDamping(0.36).Superoperator();
        // (ρ00, ρ01, ρ10, ρ11) → (ρ00 + γρ11, √(1−γ)ρ01, √(1−γ)ρ10, (1−γ)ρ11).
        Assert.Equal(1, s[0, 0].Real, 14);
        Assert.Equal(0.36, s[0, 3].Real, 14);
        Assert.Equal(0.8, s[1, 1].Real, 14);
        Assert.Equal(0.8, s[2, 2].Real, 14);
        Assert.Equal(0.64, s[3, 3].Real, 14);
    }

    [Fact]
    public void Depolarizing_is_the_Pauli_channel_with_a_third_of_the_probability_on_each_error()
    {
        var d = NoiseChannel.Depolarizing(0.3).Superoperator();
        var p = NoiseChannel.Pauli(0.1, 0.1, 0.1).Superoperator();
        for (var i = 0; i < 4; i++) for (var j = 0; j < 4; j++) Assert.True(Complex.Abs(d[i, j] - p[i, j]) < 1e-15);
        // Off-diagonal entries shrink by 1 − 4p/3.
        Assert.Equal(0.6, d[1, 1].Real, 14);
    }

    [Theory]
    [InlineData("depolarizing:1.5")]
    [InlineData("amplitude-damping:-0.1")]
    [InlineData("pauli:0.5:0.4:0.3")]
    [InlineData("bit-flip:NaN")]
    public void Probabilities_outside_zero_to_one_are_refused(string spec)
    {
        var e = Assert.Throws<NoiseException>(() => NoiseChannel.Parse(spec));
        Assert.Contains("must", e.Message);
    }

    [Fact]
    public void An_unknown_channel_name_is_refused_naming_the_accepted_ones()
    {
        var e = Assert.Throws<NoiseException>(() => NoiseChannel.Parse("thermal:0.1"));
        Assert.Contains("amplitude-damping", e.Message);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void A_channel_reads_back_what_it_writes(string spec) =>
        Assert.Equal(NoiseChannel.Parse(spec), NoiseChannel.Parse(NoiseChannel.Parse(spec).ToString()));

    internal static Complex[,] RandomState(Random rng, int size)
    {
        // A mixture of three random pure states.
        var rho = new Complex[size, size];
        var weights = new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() };
        var total = weights.Sum();
        foreach (var w in weights)
        {
            var v = Enumerable.Range(0, size).Select(_ => new Complex(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1)).ToArray();
            var norm = Math.Sqrt(v.Sum(x => x.Magnitude * x.Magnitude));
            for (var i = 0; i < size; i++) for (var j = 0; j < size; j++) rho[i, j] += w / total * v[i] * Complex.Conjugate(v[j]) / (norm * norm);
        }
        return rho;
    }

    /// <summary>Hermitian and positive semidefinite: a Cholesky factorisation of ρ + εI exists.</summary>
    internal static void AssertHermitianPositive(Complex[,] rho)
    {
        var size = rho.GetLength(0);
        for (var i = 0; i < size; i++)
            for (var j = 0; j < size; j++)
                Assert.True(Complex.Abs(rho[i, j] - Complex.Conjugate(rho[j, i])) < 1e-12, "not Hermitian");
        var l = new Complex[size, size];
        for (var j = 0; j < size; j++)
        {
            var d = rho[j, j].Real + 1e-12;
            for (var k = 0; k < j; k++) d -= (l[j, k] * Complex.Conjugate(l[j, k])).Real;
            Assert.True(d > 0, $"not positive: pivot {d}");
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < size; i++)
            {
                var s = rho[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * Complex.Conjugate(l[j, k]);
                l[i, j] = s / l[j, j];
            }
        }
    }
}

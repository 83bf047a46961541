using QSan.Quantum.Qsann;

namespace QSan.Tests.Quantum.Qsann;

public sealed class EngineComparisonTests
{
    [Fact]
    public void Comparison_holds_every_expectation_of_both_engines_and_times_each_engine_alone()
    {
        using var workspace = QuantumWorkspace.Open(null);
        var family = workspace.Circuits(3, 1);
        var (inputs, weights) = EngineComparison.RandomAngles(family.Circuit, tokens: 4, seed: 2);

        var comparison = EngineComparison.Compare(workspace, family, 1, inputs, weights);

        Assert.Equal(4 * family.Circuit.ObservableCount, comparison.Rows.Count);
        Assert.Equal(EngineComparison.ObservableLabels(family.Circuit), comparison.Rows.Where(r => r.Token == 3).Select(r => r.Observable));
        Assert.True(comparison.MaxDifference < 1e-9, $"largest difference {comparison.MaxDifference:E2}");
        // The simulator's time is a Node call of milliseconds; the native engine's is microseconds per batch.
        Assert.True(comparison.QSharpSeconds > comparison.NativeSeconds, $"Q# {comparison.QSharpSeconds} s, native {comparison.NativeSeconds} s");
        Assert.Equal(4 / comparison.NativeSeconds, comparison.NativeTokensPerSecond, 1e-9);
        Assert.Equal(4 / comparison.QSharpSeconds, comparison.QSharpTokensPerSecond, 1e-9);
    }
}

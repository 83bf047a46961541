using QSan.Benchmarks;

namespace QSan.Tests.Benchmarks;

public sealed class EngineBenchmarkTests
{
    [Fact]
    public void Engine_benchmark_reports_every_figure_for_the_requested_size()
    {
        var result = EngineBenchmark.Run(3, 1, new EngineBenchmarkOptions(Batch: 40, Duration: 0.01, Repetitions: 1));
        Assert.Equal(("native", 3, 1, 40), (result.Engine, result.Qubits, result.Depth, result.Batch));
        Assert.All(new[] { result.ForwardPerSecond, result.VjpPerSecond, result.AttentionForwardTokensPerSecond, result.AttentionVjpTokensPerSecond },
            rate => Assert.True(rate > 0 && double.IsFinite(rate)));
    }
}

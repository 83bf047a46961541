using QSan.Benchmarks;
using QSan.Quantum.Engine;
using QSan.Quantum.Noise;
using QSan.Quantum.Qsann;

namespace QSan.Tests.Benchmarks;

public sealed class KernelTimingTests
{
    [Fact]
    public void Kernel_timing_lists_the_forward_pass_s_full_state_kernels_and_bounds_their_share_of_the_peak()
    {
        var engine = new DensityMatrixEngine(NoiseModel.AfterEveryGate(NoiseChannel.Depolarizing(0.01)));
        var timing = PauliKernelTiming.Measure(engine, QsannCircuits.TokenCircuit(4, 1), seconds: 0.05);

        Assert.Equal(["product state", "gather (Clifford run)", "fused map on qubit 0", "fused map on qubit 1", "fused map on qubit 2", "fused map on qubit 3"],
            timing.Kernels.Select(k => k.Kernel));
        // 4 + 16 + 64 + 256 products less the first 4 copied; one multiply per gathered coefficient; 64 groups of 15 per map.
        Assert.Equal([16 + 64 + 256, 256, 960, 960, 960, 960], timing.Kernels.Select(k => k.FlopsPerCircuit));
        Assert.All(timing.Kernels, k => Assert.True(k.Gflops > 0 && double.IsFinite(k.Gflops), k.ToString()));
        Assert.True(timing.PeakGflops > 0);
        Assert.True(timing.Bound > 0 && double.IsFinite(timing.Bound));
    }

    [Fact]
    public void The_bound_is_the_kernels_flops_over_their_summed_times_against_the_peak()
    {
        // 100 flops at 10 and 100 at 40 GFLOP/s take 10 + 2.5 time units: 200 / 12.5 = 16 GFLOP/s, 32 % of a 50 peak.
        var timing = new KernelTiming([new KernelRate("a", 100, 10), new KernelRate("b", 100, 40)], 50);
        Assert.Equal(0.32, timing.Bound, 12);
    }
}

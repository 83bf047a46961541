namespace QSan.Benchmarks;

/// <summary>One kernel of an engine's forward pass, timed alone on one thread.</summary>
/// <param name="Kernel">What it does.</param>
/// <param name="FlopsPerCircuit">Its floating-point operations per circuit, counted as in the engine's flop count.</param>
/// <param name="Gflops">Its rate alone, in 10⁹ flops per second on one thread.</param>
public sealed record KernelRate(string Kernel, long FlopsPerCircuit, double Gflops);

/// <summary>
/// The kernels of a forward pass, each timed alone on one thread, beside that thread's FMA peak measured in the same run.
/// </summary>
/// <param name="Kernels">The passes over the full state, in the order the forward sweep runs them.</param>
/// <param name="PeakGflops">One thread's double-precision FMA rate.</param>
public sealed record KernelTiming(IReadOnlyList<KernelRate> Kernels, double PeakGflops)
{
    /// <summary>
    /// The share of the FMA peak a pass made of these kernels alone would reach, each at its own rate and nothing between
    /// them: total flops over the sum of their times. Everything else a real pass does only lowers it.
    /// </summary>
    public double Bound => Kernels.Sum(k => (double)k.FlopsPerCircuit) / Kernels.Sum(k => k.FlopsPerCircuit / k.Gflops) / PeakGflops;
}

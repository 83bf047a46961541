using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace QSan.Benchmarks;

/// <summary>
/// Measures this machine's double-precision fused-multiply-add rate: every processor runs independent FMA chains over the
/// widest SIMD vectors the hardware accelerates (8 chains per thread hide the FMA latency) for a fixed time. Two flops
/// per lane per FMA. The figure benchmarks compare their arithmetic rate with; other load on the machine lowers it.
/// </summary>
public static class FmaPeak
{
    /// <summary>Double-precision GFLOP/s of FMA chains on <paramref name="threads"/> threads (all processors by default), over about <paramref name="seconds"/>.</summary>
    public static double Gflops(double seconds = 0.3, int? threads = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var count = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var lanes = Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;
        var rounds = new long[count];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, t =>
        {
            double sink = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                sink += lanes == 8 ? Chains512(1 << 16) : lanes == 4 ? Chains256(1 << 16) : ChainsScalar(1 << 16);
                rounds[t]++;
            }
            if (sink == 42.4242) Console.Error.Write(""); // keeps the chains from being optimised away
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        return rounds.Sum() * (double)(1 << 16) * 8 * lanes * 2 / elapsed / 1e9;
    }

    private static double Chains512(int iterations)
    {
        var (a, b) = (Vector512.Create(0.999999), Vector512.Create(1e-7));
        Vector512<double> c0 = Vector512.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (var i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b);
            c2 = Vector512.FusedMultiplyAdd(c2, a, b); c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b);
            c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7);
    }

    private static double Chains256(int iterations)
    {
        var (a, b) = (Vector256.Create(0.999999), Vector256.Create(1e-7));
        Vector256<double> c0 = Vector256.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (var i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b); c1 = Vector256.FusedMultiplyAdd(c1, a, b);
            c2 = Vector256.FusedMultiplyAdd(c2, a, b); c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b); c5 = Vector256.FusedMultiplyAdd(c5, a, b);
            c6 = Vector256.FusedMultiplyAdd(c6, a, b); c7 = Vector256.FusedMultiplyAdd(c7, a, b);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7);
    }

    private static double ChainsScalar(int iterations)
    {
        double c0 = 1, c1 = 1, c2 = 1, c3 = 1, c4 = 1, c5 = 1, c6 = 1, c7 = 1;
        for (var i = 0; i < iterations; i++)
        {
            c0 = Math.FusedMultiplyAdd(c0, 0.999999, 1e-7); c1 = Math.FusedMultiplyAdd(c1, 0.999999, 1e-7);
            c2 = Math.FusedMultiplyAdd(c2, 0.999999, 1e-7); c3 = Math.FusedMultiplyAdd(c3, 0.999999, 1e-7);
            c4 = Math.FusedMultiplyAdd(c4, 0.999999, 1e-7); c5 = Math.FusedMultiplyAdd(c5, 0.999999, 1e-7);
            c6 = Math.FusedMultiplyAdd(c6, 0.999999, 1e-7); c7 = Math.FusedMultiplyAdd(c7, 0.999999, 1e-7);
        }
        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7;
    }
}

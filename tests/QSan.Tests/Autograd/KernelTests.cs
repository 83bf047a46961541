using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class KernelTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 20)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Vectorised_kernels_agree_with_scalar_definitions_for_every_tail_length(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => random.NextDouble() + 0.5).ToArray();
        var z = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var dst = new double[n];

        void Same(Func<int, double> expected)
        {
            for (var i = 0; i < n; i++) Assert.Equal(expected(i), dst[i], 14);
        }

        Kernels.Add(x, y, dst); Same(i => x[i] + y[i]);
        Kernels.Add(x, 0.3, dst); Same(i => x[i] + 0.3);
        Kernels.Subtract(x, y, dst); Same(i => x[i] - y[i]);
        Kernels.Subtract(x, 0.3, dst); Same(i => x[i] - 0.3);
        Kernels.Subtract(0.3, y, dst); Same(i => 0.3 - y[i]);
        Kernels.Multiply(x, y, dst); Same(i => x[i] * y[i]);
        Kernels.Multiply(x, -1.5, dst); Same(i => x[i] * -1.5);
        Kernels.Divide(x, y, dst); Same(i => x[i] / y[i]);
        Kernels.Divide(x, 4.0, dst); Same(i => x[i] / 4.0);
        Kernels.Divide(2.0, y, dst); Same(i => 2.0 / y[i]);
        Kernels.Max(x, 0.0, dst); Same(i => Math.Max(x[i], 0.0));
        Kernels.MultiplyAdd(x, y, z, dst); Same(i => x[i] * y[i] + z[i]);
        Kernels.MultiplyAdd(x, 0.7, z, dst); Same(i => x[i] * 0.7 + z[i]);
        Assert.Equal(x.Zip(y).Sum(p => p.First * p.Second), Kernels.Dot(x, y), 12);
        Assert.Equal(x.Sum(), Kernels.Sum(x), 12);
        Assert.Equal(x.Sum(v => v * v), Kernels.SumOfSquares(x), 12);

        var acc = (double[])z.Clone();
        Kernels.Axpy(0.25, x, acc);
        for (var i = 0; i < n; i++) Assert.Equal(z[i] + 0.25 * x[i], acc[i], 14);

        // In place, as the backward passes use them.
        var inPlace = (double[])x.Clone();
        Kernels.MultiplyAdd(y, 2.0, inPlace, inPlace);
        for (var i = 0; i < n; i++) Assert.Equal(x[i] + 2.0 * y[i], inPlace[i], 14);
    }

    [Fact]
    public void Sigmoid_is_exact_in_both_tails()
    {
        var dst = new double[4];
        Kernels.Sigmoid([-800.0, -30.0, 30.0, 800.0], dst);
        Assert.Equal(0.0, dst[0]);
        Assert.Equal(1.0, dst[1] / (Math.Exp(-30) / (1 + Math.Exp(-30))), 14);
        Assert.Equal(1.0 / (1 + Math.Exp(-30)), dst[2], 15);
        Assert.Equal(1.0, dst[3]);
    }

    [Fact]
    public void Kernels_reject_spans_of_different_lengths()
    {
        Assert.Throws<ArgumentException>(() => Kernels.Add(new double[3], new double[4], new double[3]));
    }

    [Fact]
    public void Vectorised_exp_is_within_a_few_ulp_of_math_exp_and_keeps_its_edge_cases()
    {
        var random = new Random(3);
        var x = new double[4003];
        for (var i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 1417 - 708;
        double[] special = [0.0, -0.0, 1e-300, -1e-300, 0.5 * Math.Log(2), -0.5 * Math.Log(2), 1.0, -1.0, 708.9, -707.9];
        special.CopyTo(x, 0);
        var dst = new double[x.Length];
        Kernels.Exp(x, dst);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Math.Exp(x[i]);
            Assert.True(Math.Abs(dst[i] - expected) <= 4e-16 * expected, $"exp({x[i]:R}) = {dst[i]:R}, Math.Exp gives {expected:R}.");
        }

        double[] edges = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 710, -746, -720, 1.0, 2.0];
        var edgeResults = new double[edges.Length];
        Kernels.Exp(edges, edgeResults);
        for (var i = 0; i < edges.Length; i++) Assert.Equal(Math.Exp(edges[i]), edgeResults[i]);
    }
}

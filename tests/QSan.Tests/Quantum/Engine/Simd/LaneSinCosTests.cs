using QSan.Quantum.Engine.Simd;
using Xunit;

namespace QSan.Tests.Quantum.Engine.Simd;

public sealed class LaneSinCosTests
{
    public static TheoryData<double> Ranges() => new() { 1, 10, 1e3, 1e5, 1e7, 1e12 };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Vector_sin_cos_agrees_with_math_within_rounding_error(double range)
    {
        var rng = new Random((int)Math.Log10(range));
        var values = new double[4096];
        for (var i = 0; i < values.Length; i++) values[i] = (rng.NextDouble() * 2 - 1) * range;
        // Quadrant boundaries, where reduction and sign selection are most fragile.
        for (var k = -8; k <= 8; k++) values[k + 8] = k * Math.PI / 4;
        values[20] = 0.0;
        values[21] = -0.0;
        if (Lanes512.IsSupported) Check<Lanes512>(values);
        if (Lanes256.IsSupported) Check<Lanes256>(values);
        Check<Lanes1>(values);
    }

    private static void Check<T>(double[] values) where T : struct, ILanes<T>
    {
        var sin = new double[T.Count];
        var cos = new double[T.Count];
        for (var i = 0; i + T.Count <= values.Length; i += T.Count)
        {
            var (s, c) = T.SinCos(T.Load(ref values[i]));
            T.Store(ref sin[0], s);
            T.Store(ref cos[0], c);
            for (var l = 0; l < T.Count; l++)
            {
                var x = values[i + l];
                Assert.True(Math.Abs(sin[l] - Math.Sin(x)) <= 4e-16, $"{typeof(T).Name}: sin({x:R}) = {sin[l]:R}, expected {Math.Sin(x):R}");
                Assert.True(Math.Abs(cos[l] - Math.Cos(x)) <= 4e-16, $"{typeof(T).Name}: cos({x:R}) = {cos[l]:R}, expected {Math.Cos(x):R}");
            }
        }
    }
}

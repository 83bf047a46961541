using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

/// <summary>Compares autograd gradients with central finite differences.</summary>
internal static class GradCheck
{
    /// <summary>
    /// Checks ∂(Σ w ⊙ f(inputs))/∂inputs for a fixed random cotangent w, so every entry of the Jacobian is
    /// exercised, against central differences of the same scalar. Inputs must have RequiresGrad set.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, int seed = 7, double step = 1e-6, double tolerance = 1e-6)
    {
        var random = new Random(seed);
        var output = f(inputs);
        var cotangent = new double[output.Count];
        for (var i = 0; i < cotangent.Length; i++) cotangent[i] = random.NextDouble() * 2 - 1;
        var weights = Tensor.FromArray(cotangent, output.Shape);

        foreach (var input in inputs) input.Grad = null;
        (output * weights).Sum().Backward();

        double Objective()
        {
            using var _ = Tensor.NoGrad();
            var y = f(inputs);
            var sum = 0.0;
            for (var i = 0; i < y.Count; i++) sum += y.Data[i] * cotangent[i];
            return sum;
        }

        for (var t = 0; t < inputs.Length; t++)
        {
            var input = inputs[t];
            if (!input.RequiresGrad) continue;
            Assert.True(input.Grad is not null, $"Input {t} received no gradient.");
            for (var i = 0; i < input.Count; i++)
            {
                var saved = input.Data[i];
                input.Data[i] = saved + step;
                var plus = Objective();
                input.Data[i] = saved - step;
                var minus = Objective();
                input.Data[i] = saved;
                var numeric = (plus - minus) / (2 * step);
                var analytic = input.Grad![i];
                var scale = Math.Max(1.0, Math.Max(Math.Abs(numeric), Math.Abs(analytic)));
                Assert.True(Math.Abs(numeric - analytic) <= tolerance * scale,
                    $"Input {t} {input}, element {i}: autograd {analytic:G10}, finite differences {numeric:G10}.");
            }
        }
    }

    /// <summary>A tensor of N(0, 1) values that requires gradients.</summary>
    public static Tensor Param(Random random, params int[] shape) => Tensor.Normal(shape, 0, 1, random, requiresGrad: true);

    /// <summary>A tensor of U(low, high) values that requires gradients.</summary>
    public static Tensor Param(Random random, double low, double high, params int[] shape) => Tensor.Uniform(shape, low, high, random, requiresGrad: true);

    /// <summary>A random shape with the given rank and dimensions in [1, maxDim].</summary>
    public static int[] Shape(Random random, int rank, int maxDim = 4)
    {
        var shape = new int[rank];
        for (var i = 0; i < rank; i++) shape[i] = random.Next(1, maxDim + 1);
        return shape;
    }
}

using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class CustomOpTests
{
    /// <summary>f(x, θ)_i = sin(θ₀ x_i) + θ₁ x_i² as an opaque op with a hand-written vector-Jacobian product.</summary>
    private static Tensor SpanFunction(Tensor x, Tensor theta)
    {
        var output = new double[x.Count];
        for (var i = 0; i < x.Count; i++) output[i] = Math.Sin(theta.Data[0] * x.Data[i]) + theta.Data[1] * x.Data[i] * x.Data[i];
        return Tensor.Custom([x, theta], output, x.Shape, (g, grads) =>
        {
            for (var i = 0; i < x.Count; i++)
            {
                var xi = x.Data[i];
                var cos = Math.Cos(theta.Data[0] * xi);
                if (grads[0] is { } gx) gx[i] = g[i] * (theta.Data[0] * cos + 2 * theta.Data[1] * xi);
                if (grads[1] is { } gt)
                {
                    gt[0] += g[i] * xi * cos;
                    gt[1] += g[i] * xi * xi;
                }
            }
        });
    }

    /// <summary>The same function with the tensor-returning backward overload.</summary>
    private static Tensor TensorFunction(Tensor x, Tensor theta)
    {
        var output = new double[x.Count];
        for (var i = 0; i < x.Count; i++) output[i] = Math.Sin(theta.Data[0] * x.Data[i]) + theta.Data[1] * x.Data[i] * x.Data[i];
        return Tensor.Custom([x, theta], output, x.Shape, g =>
        {
            var gx = new double[x.Count];
            var gt = new double[2];
            for (var i = 0; i < x.Count; i++)
            {
                var xi = x.Data[i];
                var cos = Math.Cos(theta.Data[0] * xi);
                gx[i] = g.Data[i] * (theta.Data[0] * cos + 2 * theta.Data[1] * xi);
                gt[0] += g.Data[i] * xi * cos;
                gt[1] += g.Data[i] * xi * xi;
            }
            return [Tensor.FromArray(gx, x.Shape), Tensor.FromArray(gt)];
        });
    }

    [Fact]
    public void A_custom_op_with_a_span_backward_gets_the_right_gradients_inside_a_larger_graph()
    {
        var random = new Random(31);
        GradCheck.Check(v => SpanFunction(v[0].Tanh(), v[1]) * v[0], [GradCheck.Param(random, 3, 2), GradCheck.Param(random, 2)]);
    }

    [Fact]
    public void A_custom_op_with_a_tensor_backward_gets_the_right_gradients()
    {
        var random = new Random(32);
        GradCheck.Check(v => TensorFunction(v[0], v[1]).Exp(), [GradCheck.Param(random, 4), GradCheck.Param(random, 2)]);
    }

    [Fact]
    public void A_custom_op_skips_inputs_that_need_no_gradient()
    {
        var random = new Random(33);
        var x = Tensor.Normal([3], 0, 1, random);
        var theta = GradCheck.Param(random, 2);
        SpanFunction(x, theta).Sum().Backward();
        Assert.Null(x.Grad);
        Assert.NotNull(theta.Grad);
    }

    [Fact]
    public void A_custom_op_rejects_a_backward_that_returns_the_wrong_number_of_gradients()
    {
        var x = Tensor.FromArray([1.0, 2.0], requiresGrad: true);
        var y = Tensor.Custom([x], [3.0], [], _ => [Tensor.Zeros([2]), Tensor.Zeros([2])]);
        Assert.Throws<InvalidOperationException>(y.Backward);
    }
}

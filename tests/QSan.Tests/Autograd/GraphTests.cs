using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class GraphTests
{
    [Fact]
    public void A_tensor_used_twice_collects_both_gradient_contributions()
    {
        var x = Tensor.FromArray([3.0], requiresGrad: true);
        (x * x + x).Sum().Backward();
        Assert.Equal(7.0, x.Grad![0]);
    }

    [Fact]
    public void A_diamond_graph_runs_each_backward_once_in_topological_order()
    {
        var x = Tensor.FromArray([0.5, -1.0], requiresGrad: true);
        var shared = x.Exp();
        var loss = (shared * shared.Tanh() + shared.Square()).Sum();
        GradCheck.Check(v =>
        {
            var s = v[0].Exp();
            return s * s.Tanh() + s.Square();
        }, [x]);
        x.Grad = null;
        loss.Backward();
        var e = Math.Exp(0.5);
        var expected = e * Math.Tanh(e) + e * e * (1 - Math.Tanh(e) * Math.Tanh(e)) + 2 * e * e;
        Assert.Equal(expected, x.Grad![0], 10);
    }

    [Fact]
    public void Leaf_gradients_accumulate_across_backward_calls_until_zeroed()
    {
        var x = Tensor.FromArray([2.0], requiresGrad: true);
        var loss = (x * x).Sum();
        loss.Backward();
        loss.Backward();
        Assert.Equal(8.0, x.Grad![0]);
        x.ZeroGrad();
        Assert.Equal(0.0, x.Grad[0]);
    }

    [Fact]
    public void No_graph_is_recorded_inside_a_no_grad_scope()
    {
        var x = Tensor.FromArray([2.0], requiresGrad: true);
        Tensor y;
        using (Tensor.NoGrad())
        {
            y = (x * x).Sum();
            Assert.False(Tensor.IsGradEnabled);
        }
        Assert.True(Tensor.IsGradEnabled);
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.True((x * x).Sum().RequiresGrad);
    }

    [Fact]
    public void Results_of_constants_stay_out_of_the_graph()
    {
        var y = Tensor.FromArray([1.0, 2.0]) * 2.0;
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
    }

    [Fact]
    public void Backward_needs_a_one_element_tensor()
    {
        var x = Tensor.FromArray([1.0, 2.0], requiresGrad: true);
        var error = Assert.Throws<InvalidOperationException>(() => (x * 2.0).Backward());
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void A_long_chain_does_not_overflow_the_stack()
    {
        var x = Tensor.FromArray([1.0], requiresGrad: true);
        var y = x;
        for (var i = 0; i < 100_000; i++) y = y * 1.0;
        y.Sum().Backward();
        Assert.Equal(1.0, x.Grad![0]);
    }

    [Fact]
    public void Normal_samples_have_the_requested_mean_and_spread()
    {
        var t = Tensor.Normal([20_000], 0.5, 0.01, new Random(1));
        var mean = t.Data.Average();
        var std = Math.Sqrt(t.Data.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 0.4997, 0.5003);
        Assert.InRange(std, 0.0097, 0.0103);
        Assert.Equal(t.Data, Tensor.Normal([20_000], 0.5, 0.01, new Random(1)).Data);
    }

    [Fact]
    public void Shape_and_data_must_agree()
    {
        Assert.Throws<ArgumentException>(() => new Tensor([1.0, 2.0], [3]));
        Assert.Equal(1, Tensor.Scalar(4).Count);
        Assert.Equal(4.0, Tensor.Scalar(4).Item());
    }
}

using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class ElementwiseTests
{
    public static TheoryData<int[], int[]> BroadcastShapes => new()
    {
        { [3, 4], [3, 4] },
        { [2, 3, 4], [] },
        { [], [2, 3] },
        { [5, 4], [4] },
        { [2, 3, 4], [1, 4] },
        { [4, 3], [4, 1] },
        { [3, 1], [1, 4] },
        { [2, 1, 3], [4, 1] },
    };

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Addition_gradients_match_finite_differences_under_broadcasting(int[] a, int[] b)
    {
        var random = new Random(1);
        GradCheck.Check(x => x[0] + x[1], [GradCheck.Param(random, a), GradCheck.Param(random, b)]);
    }

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Subtraction_gradients_match_finite_differences_under_broadcasting(int[] a, int[] b)
    {
        var random = new Random(2);
        GradCheck.Check(x => x[0] - x[1], [GradCheck.Param(random, a), GradCheck.Param(random, b)]);
    }

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Multiplication_gradients_match_finite_differences_under_broadcasting(int[] a, int[] b)
    {
        var random = new Random(3);
        GradCheck.Check(x => x[0] * x[1], [GradCheck.Param(random, a), GradCheck.Param(random, b)]);
    }

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Division_gradients_match_finite_differences_under_broadcasting(int[] a, int[] b)
    {
        var random = new Random(4);
        // Denominators kept away from zero so the differences are well conditioned.
        GradCheck.Check(x => x[0] / x[1], [GradCheck.Param(random, a), GradCheck.Param(random, 0.5, 2.0, b)]);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Arithmetic_with_constants_has_the_right_gradients_for_random_shapes(int seed)
    {
        var random = new Random(seed);
        var shape = GradCheck.Shape(random, random.Next(1, 4));
        GradCheck.Check(x => (2.0 - x[0]) * 3.0 + x[0] / 4.0 - 1.0 + 5.0 / (x[0] + 10.0), [GradCheck.Param(random, shape)]);
    }

    [Fact]
    public void Broadcast_results_equal_an_explicit_index_computation()
    {
        var random = new Random(5);
        var a = Tensor.Normal([2, 1, 3], 0, 1, random);
        var b = Tensor.Normal([4, 1], 0, 1, random);
        var c = a * b;
        Assert.Equal([2, 4, 3], c.Shape);
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 4; j++)
                for (var k = 0; k < 3; k++)
                    Assert.Equal(a.Data[i * 3 + k] * b.Data[j], c.Data[(i * 4 + j) * 3 + k]);
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_are_rejected_with_both_shapes_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]) + Tensor.Zeros([4]));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    public static TheoryData<string> UnaryOps => new() { "neg", "exp", "log", "square", "sqrt", "sigmoid", "tanh", "relu" };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_op_gradients_match_finite_differences(string op)
    {
        var random = new Random(op.Length);
        var shape = GradCheck.Shape(random, 2);
        // Log and sqrt need positive inputs; relu needs inputs away from its kink.
        var x = op is "log" or "sqrt" ? GradCheck.Param(random, 0.5, 2.0, shape)
            : op == "relu" ? Tensor.FromArray([-1.5, -0.3, 0.2, 1.7, -0.8, 0.9], [2, 3], requiresGrad: true)
            : GradCheck.Param(random, shape);
        Func<Tensor, Tensor> f = op switch
        {
            "neg" => t => -t,
            "exp" => t => t.Exp(),
            "log" => t => t.Log(),
            "square" => t => t.Square(),
            "sqrt" => t => t.Sqrt(),
            "sigmoid" => t => t.Sigmoid(),
            "tanh" => t => t.Tanh(),
            _ => t => t.Relu(),
        };
        GradCheck.Check(v => f(v[0]), [x]);
    }

    [Fact]
    public void Unary_ops_compute_the_textbook_functions()
    {
        var x = Tensor.FromArray([-2.0, 0.0, 0.5, 3.0]);
        for (var i = 0; i < 4; i++)
        {
            var v = x.Data[i];
            Assert.Equal(Math.Exp(v), x.Exp().Data[i], 12);
            Assert.Equal(1 / (1 + Math.Exp(-v)), x.Sigmoid().Data[i], 12);
            Assert.Equal(Math.Tanh(v), x.Tanh().Data[i], 12);
            Assert.Equal(v * v, x.Square().Data[i], 12);
            Assert.Equal(Math.Max(v, 0), x.Relu().Data[i]);
        }
    }
}

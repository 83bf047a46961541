using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class ReductionAndShapeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sum_and_mean_of_everything_have_the_right_gradients(int seed)
    {
        var random = new Random(seed);
        var shape = GradCheck.Shape(random, seed);
        GradCheck.Check(x => x[0].Sum(), [GradCheck.Param(random, shape)]);
        GradCheck.Check(x => x[0].Mean(), [GradCheck.Param(random, shape)]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(-1, false)]
    [InlineData(-2, true)]
    public void Sum_and_mean_over_an_axis_have_the_right_gradients(int axis, bool keepDim)
    {
        var random = new Random(10 + axis);
        var shape = GradCheck.Shape(random, 3);
        GradCheck.Check(x => x[0].Sum(axis, keepDim), [GradCheck.Param(random, shape)]);
        GradCheck.Check(x => x[0].Mean(axis, keepDim), [GradCheck.Param(random, shape)]);
    }

    [Fact]
    public void Sum_over_an_axis_adds_along_that_axis_only()
    {
        var x = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]);
        Assert.Equal([5.0, 7, 9], x.Sum(0).Data);
        Assert.Equal([6.0, 15], x.Sum(1).Data);
        Assert.Equal([2, 1], x.Mean(-1, keepDim: true).Shape);
        Assert.Equal([2.0, 5], x.Mean(1).Data);
        Assert.Equal(21.0, x.Sum().Item());
        Assert.Empty(x.Sum().Shape);
    }

    [Fact]
    public void Reshape_infers_one_dimension_and_passes_gradients_through()
    {
        var random = new Random(4);
        var x = GradCheck.Param(random, 2, 3, 2);
        Assert.Equal([3, 4], x.Reshape(3, -1).Shape);
        GradCheck.Check(v => v[0].Reshape(6, 2) * Tensor.FromArray([1.0, -2.0], [2]), [x]);
        Assert.Throws<ArgumentException>(() => x.Reshape(5, -1));
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns_with_matching_gradients()
    {
        var x = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3], requiresGrad: true);
        var t = x.Transpose();
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], t.Data);
        GradCheck.Check(v => v[0].Transpose(), [x]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_joins_along_an_axis_with_matching_gradients(int axis)
    {
        var random = new Random(6);
        var shapes = axis == 0 ? new[] { new[] { 1, 3 }, [2, 3], [3, 3] } : [[2, 1], [2, 3], [2, 2]];
        var inputs = shapes.Select(s => GradCheck.Param(random, s)).ToArray();
        var joined = Tensor.Concat(inputs, axis);
        Assert.Equal(axis == 0 ? [6, 3] : new[] { 2, 6 }, joined.Shape);
        GradCheck.Check(v => Tensor.Concat(v, axis), inputs);
    }

    [Fact]
    public void Concat_places_blocks_side_by_side()
    {
        var a = Tensor.FromArray([1.0, 2, 3, 4], [2, 2]);
        var b = Tensor.FromArray([5.0, 6], [2, 1]);
        Assert.Equal([1.0, 2, 5, 3, 4, 6], Tensor.Concat([a, b], 1).Data);
        Assert.Throws<ArgumentException>(() => Tensor.Concat([a, Tensor.Zeros([3, 1])], 1));
    }

    [Fact]
    public void Narrow_takes_a_slice_and_returns_gradients_to_it()
    {
        var random = new Random(7);
        var x = GradCheck.Param(random, 3, 5);
        var slice = x.Narrow(1, 1, 3);
        Assert.Equal([3, 3], slice.Shape);
        Assert.Equal(x.Data[1 * 5 + 2], slice.Data[1 * 3 + 1]);
        GradCheck.Check(v => v[0].Narrow(1, 1, 3), [x]);
        GradCheck.Check(v => v[0].Narrow(0, 2, 1), [x]);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 3, 3));
    }

    [Fact]
    public void Index_select_with_repeated_rows_scatter_adds_gradients()
    {
        var random = new Random(8);
        var weight = GradCheck.Param(random, 5, 3);
        int[] ids = [4, 0, 4, 2, 4];
        var rows = Functional.Embedding(weight, ids);
        Assert.Equal([5, 3], rows.Shape);
        Assert.Equal(weight.Data[4 * 3 + 1], rows.Data[2 * 3 + 1]);
        GradCheck.Check(v => Functional.Embedding(v[0], ids), [weight]);

        weight.Grad = null;
        rows.Sum().Backward();
        Assert.Equal(3.0, weight.Grad![4 * 3]);
        Assert.Equal(0.0, weight.Grad[1 * 3]);
    }

    [Fact]
    public void Index_select_rejects_an_id_outside_the_table()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros([3, 2]).IndexSelect([0, 3]));
        Assert.Contains("index 3 at position 1", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Matrix_products_have_the_right_gradients_for_random_shapes(int seed)
    {
        var random = new Random(seed);
        int m = random.Next(1, 5), k = random.Next(1, 5), n = random.Next(1, 5);
        GradCheck.Check(v => Tensor.MatMul(v[0], v[1]), [GradCheck.Param(random, m, k), GradCheck.Param(random, k, n)]);
        var batch = random.Next(1, 4);
        GradCheck.Check(v => Tensor.MatMul(v[0], v[1]), [GradCheck.Param(random, batch, m, k), GradCheck.Param(random, k, n)]);
    }

    [Fact]
    public void Matrix_product_matches_the_definition()
    {
        var a = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]);
        var b = Tensor.FromArray([7.0, 8, 9, 10, 11, 12], [3, 2]);
        Assert.Equal([58.0, 64, 139, 154], Tensor.MatMul(a, b).Data);
        var batched = Tensor.MatMul(a.Reshape(2, 1, 3), b);
        Assert.Equal([2, 1, 2], batched.Shape);
        Assert.Equal([58.0, 64, 139, 154], batched.Data);
        Assert.Throws<ArgumentException>(() => Tensor.MatMul(a, a));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear_op_has_the_right_gradients_with_and_without_bias(bool withBias)
    {
        var random = new Random(9);
        Tensor[] inputs = withBias
            ? [GradCheck.Param(random, 2, 3, 4), GradCheck.Param(random, 5, 4), GradCheck.Param(random, 5)]
            : [GradCheck.Param(random, 3, 4), GradCheck.Param(random, 5, 4)];
        GradCheck.Check(v => Functional.Linear(v[0], v[1], v.Length > 2 ? v[2] : null), inputs);
    }

    [Fact]
    public void Linear_op_equals_matmul_with_the_transposed_weight_plus_bias()
    {
        var random = new Random(10);
        var x = Tensor.Normal([4, 3], 0, 1, random);
        var w = Tensor.Normal([2, 3], 0, 1, random);
        var b = Tensor.Normal([2], 0, 1, random);
        var fused = Functional.Linear(x, w, b);
        var composed = Tensor.MatMul(x, w.Transpose()) + b;
        for (var i = 0; i < fused.Count; i++) Assert.Equal(composed.Data[i], fused.Data[i], 12);
    }

    [Fact]
    public void Segment_mean_averages_each_sentence_with_matching_gradients()
    {
        var random = new Random(11);
        var x = GradCheck.Param(random, 6, 2);
        int[] offsets = [0, 1, 4, 6];
        var mean = Functional.SegmentMean(x, offsets);
        Assert.Equal([3, 2], mean.Shape);
        Assert.Equal((x.Data[2] + x.Data[4] + x.Data[6]) / 3, mean.Data[2], 12);
        GradCheck.Check(v => Functional.SegmentMean(v[0], offsets), [x]);
        Assert.Throws<ArgumentException>(() => Functional.SegmentMean(x, [0, 3, 3, 6]));
        Assert.Throws<ArgumentException>(() => Functional.SegmentMean(x, [0, 4, 5]));
    }
}

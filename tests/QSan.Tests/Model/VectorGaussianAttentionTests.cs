using QSan.Autograd;
using QSan.Model;
using QSan.Tests.Autograd;

namespace QSan.Tests.Model;

public sealed class VectorGaussianAttentionTests
{
    private static readonly int[] Offsets = [0, 3, 4, 7];

    [Fact]
    public void Vector_attention_has_the_gradients_of_finite_differences()
    {
        var random = new Random(8);
        GradCheck.Check(x => VectorGaussianAttention.Apply(x[0], x[1], x[2], Offsets),
            [GradCheck.Param(random, 7, 3), GradCheck.Param(random, 7, 3), GradCheck.Param(random, 7, 2)]);
    }

    [Fact]
    public void With_one_value_queries_and_keys_it_is_QSANNs_scalar_Gaussian_attention()
    {
        var random = new Random(9);
        var q = Tensor.Normal([7, 1], 0, 1, random);
        var k = Tensor.Normal([7, 1], 0, 1, random);
        var v = Tensor.Normal([7, 4], 0, 1, random);
        var vector = VectorGaussianAttention.Apply(q, k, v, Offsets).Data;
        var scalar = Functional.GaussianAttention(q, k, v, Offsets).Data;
        for (var i = 0; i < vector.Length; i++) Assert.Equal(scalar[i], vector[i], 13);
    }

    [Fact]
    public void Tokens_attend_only_within_their_sentence()
    {
        var random = new Random(10);
        var q = Tensor.Normal([7, 2], 0, 1, random);
        var k = Tensor.Normal([7, 2], 0, 1, random);
        var v = Tensor.Normal([7, 3], 0, 1, random);
        var before = VectorGaussianAttention.Apply(q, k, v, Offsets).Data;
        // Changing sentence 2's values leaves sentences 0 and 1 untouched.
        for (var i = 4 * 3; i < 7 * 3; i++) v.Data[i] += 10;
        var after = VectorGaussianAttention.Apply(q, k, v, Offsets).Data;
        Assert.Equal(before[..(4 * 3)], after[..(4 * 3)]);
        Assert.NotEqual(before[(4 * 3)..], after[(4 * 3)..]);
    }
}

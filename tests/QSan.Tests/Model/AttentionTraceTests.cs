using QSan.Model;

namespace QSan.Tests.Model;

public sealed class AttentionTraceTests
{
    [Fact]
    public void Every_layer_and_head_is_traced_and_each_row_of_attention_sums_to_one()
    {
        var model = ModelFixtures.Qsann(layers: 2, heads: 2);
        var trace = new AttentionTrace();
        model.Probabilities([1, 2, 3, 4, 5], [0, 2, 5], trace);
        Assert.Equal(4, trace.Records.Count);
        var weights = trace.Weights(1, 1, 1);
        Assert.Equal(3, weights.GetLength(0));
        for (var s = 0; s < 3; s++)
        {
            var sum = 0.0;
            for (var j = 0; j < 3; j++)
            {
                Assert.InRange(weights[s, j], 0.0, 1.0);
                sum += weights[s, j];
            }
            Assert.Equal(1.0, sum, 12);
        }
    }

    [Fact]
    public void Traced_weights_follow_the_Gaussian_kernel_of_the_traced_queries_and_keys()
    {
        var model = ModelFixtures.Qsann();
        var trace = new AttentionTrace();
        model.Probabilities([1, 2], [0, 2], trace);
        var r = trace.Get(0, 0);
        double Alpha(int s, int j) => Math.Exp(-Math.Pow(r.Queries[s] - r.Keys[j], 2));
        var weights = trace.Weights(0, 0, 0);
        Assert.Equal(Alpha(0, 1) / (Alpha(0, 0) + Alpha(0, 1)), weights[0, 1], 12);
    }
}

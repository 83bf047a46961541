using QSan.Autograd;
using QSan.Model;
using QSan.Tests.Cli;
using QSan.Tests.Data;

namespace QSan.Tests.Autograd;

public sealed class SoftmaxAttentionTests
{
    [Fact]
    public void Scaled_dot_product_attention_matches_finite_differences_in_queries_keys_and_values()
    {
        var random = new Random(3);
        GradCheck.Check(t => SoftmaxAttention.Apply(t[0], t[1], t[2], [0, 3, 5]),
            [GradCheck.Param(random, 5, 4), GradCheck.Param(random, 5, 4), GradCheck.Param(random, 5, 3)]);
    }

    [Fact]
    public void The_weights_are_the_softmax_of_q_dot_k_over_the_square_root_of_the_key_width()
    {
        var q = Tensor.FromArray([1.0, 2.0, 0.0, 0.0], [2, 2]);
        var k = Tensor.FromArray([1.0, 0.0, 0.0, 1.0], [2, 2]);
        var v = Tensor.FromArray([10.0, 20.0], [2, 1]);
        var output = SoftmaxAttention.Apply(q, k, v, [0, 2]).Data;
        // Token 0: logits 1/√2 and 2/√2.
        var a0 = Math.Exp(1 / Math.Sqrt(2));
        var a1 = Math.Exp(2 / Math.Sqrt(2));
        Assert.Equal((10 * a0 + 20 * a1) / (a0 + a1), output[0], 12);
        Assert.Equal(15.0, output[1], 12); // q = 0: uniform weights.
    }

    [Fact]
    public void Attention_never_crosses_segments()
    {
        var random = new Random(5);
        var q = Tensor.Normal([4, 2], 0, 1, random);
        var k = Tensor.Normal([4, 2], 0, 1, random);
        var v = Tensor.Normal([4, 2], 0, 1, random);
        var before = SoftmaxAttention.Apply(q, k, v, [0, 2, 4]).Data;
        v.Data[6] += 100;
        var after = SoftmaxAttention.Apply(q, k, v, [0, 2, 4]).Data;
        Assert.Equal(before.AsSpan(0, 4).ToArray(), after.AsSpan(0, 4).ToArray());
    }

    [Fact]
    public void CSANN_keeps_gaussian_attention_by_default_and_softmax_has_the_same_parameter_count()
    {
        var gaussian = new ModelConfig(ModelKind.Csann);
        Assert.Equal(AttentionKind.Gaussian, gaussian.Attention);
        var softmax = gaussian with { Attention = AttentionKind.Softmax };
        Assert.Equal(785, softmax.ParameterCount);
        var a = new CsannModel(gaussian, 10, new Random(1));
        var b = new CsannModel(softmax, 10, new Random(1));
        Assert.Equal(a.ParameterCount(), b.ParameterCount());
        Assert.Contains("softmax", softmax.Describe());
    }

    [Fact]
    public void CSANN_trains_with_softmax_attention_from_the_command_line_and_rejects_an_unknown_kernel()
    {
        using var folder = new TemporaryDirectory();
        var run = CliRunner.Run("train", "--model", "csann", "--attention", "softmax", "--epochs", "2", "--output", Path.Combine(folder.Path, "run"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("CSANN d = 16, L = 1, H = 1, softmax attention", run.Output);
        var bad = CliRunner.Run("train", "--model", "csann", "--attention", "cosine");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("gaussian or softmax", bad.Error);
    }
}

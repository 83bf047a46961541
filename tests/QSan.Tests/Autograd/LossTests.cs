using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class LossTests
{
    [Fact]
    public void Mean_squared_error_has_the_textbook_value_and_gradient()
    {
        var p = Tensor.FromArray([0.2, 0.9, 0.5], requiresGrad: true);
        var t = Tensor.FromArray([0.0, 1.0, 1.0]);
        var loss = Functional.MseLoss(p, t);
        Assert.Equal((0.04 + 0.01 + 0.25) / 3, loss.Item(), 12);
        GradCheck.Check(v => Functional.MseLoss(v[0], v[1]), [p, Tensor.FromArray([0.0, 1.0, 1.0], requiresGrad: true)]);
    }

    [Fact]
    public void Binary_cross_entropy_on_probabilities_has_the_right_value_and_gradient()
    {
        var p = Tensor.FromArray([0.2, 0.9, 0.5, 0.7], requiresGrad: true);
        var t = Tensor.FromArray([0.0, 1.0, 1.0, 0.3], requiresGrad: true);
        var expected = -(Math.Log(0.8) + Math.Log(0.9) + Math.Log(0.5) + 0.3 * Math.Log(0.7) + 0.7 * Math.Log(0.3)) / 4;
        Assert.Equal(expected, Functional.BinaryCrossEntropy(p, t).Item(), 12);
        GradCheck.Check(v => Functional.BinaryCrossEntropy(v[0], v[1]), [p, t]);
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_and_pushes_back_at_saturated_wrong_predictions()
    {
        var p = Tensor.FromArray([0.0, 1.0], requiresGrad: true);
        var t = Tensor.FromArray([1.0, 0.0]);
        var loss = Functional.BinaryCrossEntropy(p, t);
        Assert.True(double.IsFinite(loss.Item()));
        Assert.Equal(-Math.Log(Functional.ProbabilityEpsilon), loss.Item(), 3);
        loss.Backward();
        Assert.True(p.Grad![0] < 0 && double.IsFinite(p.Grad[0]));
        Assert.True(p.Grad[1] > 0 && double.IsFinite(p.Grad[1]));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_equals_the_probability_form_and_has_the_right_gradient()
    {
        var z = Tensor.FromArray([-2.0, 0.3, 1.5, 4.0], requiresGrad: true);
        var t = Tensor.FromArray([0.0, 1.0, 0.0, 1.0], requiresGrad: true);
        Assert.Equal(Functional.BinaryCrossEntropy(z.Sigmoid(), t).Item(), Functional.BinaryCrossEntropyWithLogits(z, t).Item(), 12);
        GradCheck.Check(v => Functional.BinaryCrossEntropyWithLogits(v[0], v[1]), [z, t]);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_is_exact_for_huge_logits()
    {
        var z = Tensor.FromArray([1000.0, -1000.0], requiresGrad: true);
        var t = Tensor.FromArray([0.0, 0.0]);
        var loss = Functional.BinaryCrossEntropyWithLogits(z, t);
        Assert.Equal(500.0, loss.Item(), 9);
        loss.Backward();
        Assert.Equal([0.5, 0.0], z.Grad!);
    }

    [Fact]
    public void L2_penalty_is_the_sum_of_squares_with_gradient_twice_the_weights()
    {
        var a = Tensor.FromArray([1.0, -2.0], requiresGrad: true);
        var b = Tensor.FromArray([3.0], [1, 1], requiresGrad: true);
        var penalty = Functional.L2Penalty(a, b);
        Assert.Equal(14.0, penalty.Item());
        GradCheck.Check(v => Functional.L2Penalty(v), [a, b]);
    }

    [Fact]
    public void Losses_reject_predictions_and_targets_of_different_sizes()
    {
        Assert.Throws<ArgumentException>(() => Functional.MseLoss(Tensor.Zeros([3]), Tensor.Zeros([2])));
        Assert.Throws<ArgumentException>(() => Functional.BinaryCrossEntropy(Tensor.Zeros([3]), Tensor.Zeros([4])));
    }
}

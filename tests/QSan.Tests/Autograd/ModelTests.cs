using System.Text.Json;
using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class ModelTests
{
    private static readonly int[] Ids = [1, 4, 2, 0, 5, 5, 3, 1, 2];
    private static readonly int[] Offsets = [0, 3, 4, 9];
    private static readonly Tensor Labels = Tensor.FromArray([1.0, 0.0, 1.0]);

    [Fact]
    public void A_whole_model_has_the_gradients_of_finite_differences()
    {
        var model = new TinyAttentionModel(6, 3, new Random(41));
        var parameters = model.Parameters().ToArray();
        GradCheck.Check(_ => model.Loss(Ids, Offsets, Labels, 0.1), parameters);
    }

    [Fact]
    public void Module_parameters_are_named_by_their_path()
    {
        var model = new TinyAttentionModel(6, 3, new Random(42));
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(["embedding.weight", "projection.weight", "projection.bias", "head.weight", "head.bias"], names);
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.Equal(6 * 3 + 5 * 3 + 5 + 3 + 1, model.ParameterCount());
    }

    [Fact]
    public void A_state_dictionary_restores_parameters_and_rejects_other_architectures()
    {
        var trained = new TinyAttentionModel(6, 3, new Random(43));
        var fresh = new TinyAttentionModel(6, 3, new Random(44));
        fresh.LoadStateDict(trained.StateDict());
        Assert.Equal(trained.Head.Weight.Data, fresh.Head.Weight.Data);

        var other = new TinyAttentionModel(7, 3, new Random(45));
        var error = Assert.Throws<ArgumentException>(() => other.LoadStateDict(trained.StateDict()));
        Assert.Contains("embedding.weight", error.Message);
        var extra = trained.StateDict();
        extra["head.scale"] = [1.0];
        Assert.Throws<ArgumentException>(() => fresh.LoadStateDict(extra));
    }

    [Fact]
    public void Training_with_adam_lowers_the_loss()
    {
        var model = new TinyAttentionModel(6, 3, new Random(46));
        var optimizer = new Adam(model.Parameters(), learningRate: 0.05);
        var first = model.Loss(Ids, Offsets, Labels, 0.0).Item();
        for (var step = 0; step < 60; step++)
        {
            optimizer.ZeroGrad();
            model.Loss(Ids, Offsets, Labels, 0.0).Backward();
            optimizer.Step();
        }
        Assert.True(model.Loss(Ids, Offsets, Labels, 0.0).Item() < first / 4);
    }

    [Fact]
    public void Adam_matches_a_hand_computed_update_for_two_steps()
    {
        var theta = Tensor.FromArray([1.0, -0.5], requiresGrad: true);
        var adam = new Adam([theta], learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01);

        // Step 1: g = ∇ + 0.01θ = [0.21, −0.405]; m̂ = g and v̂ = g², so θ moves by lr·g/(|g| + ε) ≈ ∓0.1.
        theta.Grad = [0.2, -0.4];
        adam.Step();
        Assert.Equal(1.0 - 0.1 * 0.21 / (0.21 + 1e-8), theta.Data[0], 14);
        Assert.Equal(-0.5 + 0.1 * 0.405 / (0.405 + 1e-8), theta.Data[1], 14);

        // Step 2 for θ₀: g = −0.1 + 0.01·0.9000000047619 = −0.090999999952381;
        // m = 0.9·0.021 + 0.1g = 0.009800000004762, v = 0.999·4.41e-5 + 0.001g² = 5.233689999133e-5;
        // θ₀ −= 0.1 · (m / 0.19) / (√(v / 0.001999) + 1e-8) → 0.8681231952168.
        theta.Grad = [-0.1, 0.3];
        adam.Step();
        Assert.Equal(0.8681231952168238, theta.Data[0], 12);
        Assert.Equal(-0.3898353100457877, theta.Data[1], 12);
        Assert.Equal(2, adam.StepCount);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(9_003)]
    public void Adam_gives_the_scalar_formula_bit_for_bit_on_every_vector_width(int count)
    {
        // 37 values: whole 512-bit and 256-bit vectors and a scalar tail, each path checked against the formula; 9,003:
        // two halves on two threads (ChunkTeam), each with its own vectors and tail.
        var random = new Random(8);
        var theta = Tensor.Normal([count], 0, 1, random, requiresGrad: true);
        var expected = (double[])theta.Data.Clone();
        var m = new double[count];
        var v = new double[count];
        const double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, decay = 0.01;
        var adam = new Adam([theta], lr, b1, b2, eps, decay);
        for (var t = 1; t <= 3; t++)
        {
            var grad = Tensor.Normal([count], 0, 1, random).Data;
            theta.Grad = (double[])grad.Clone();
            adam.Step();
            var stepSize = lr / (1.0 - Math.Pow(b1, t));
            var inverseCorrection2 = 1.0 / (1.0 - Math.Pow(b2, t));
            for (var i = 0; i < count; i++)
            {
                var g = grad[i] + decay * expected[i];
                m[i] = b1 * m[i] + (1.0 - b1) * g;
                v[i] = b2 * v[i] + (1.0 - b2) * g * g;
                expected[i] -= stepSize * m[i] / (Math.Sqrt(v[i] * inverseCorrection2) + eps);
            }
            Assert.Equal(expected, theta.Data);
            adam.ZeroGrad();
            Assert.All(theta.Grad, g => Assert.Equal(0.0, g));
        }
    }

    [Fact]
    public void Sgd_with_momentum_matches_a_hand_computed_update_for_two_steps()
    {
        var theta = Tensor.FromArray([1.0, -0.5], requiresGrad: true);
        var sgd = new Sgd([theta], learningRate: 0.1, momentum: 0.9);
        theta.Grad = [0.2, -0.4];
        sgd.Step();
        Assert.Equal([0.98, -0.46], theta.Data.Select(v => Math.Round(v, 12)));
        // Velocity 0.9·[0.2, −0.4] + [−0.1, 0.3] = [0.08, −0.06].
        theta.Grad = [-0.1, 0.3];
        sgd.Step();
        Assert.Equal([0.972, -0.454], theta.Data.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Sgd_weight_decay_adds_lambda_theta_to_the_gradient()
    {
        var theta = Tensor.FromArray([2.0], requiresGrad: true);
        var sgd = new Sgd([theta], learningRate: 0.5, weightDecay: 0.1);
        theta.Grad = [1.0];
        sgd.Step();
        Assert.Equal(2.0 - 0.5 * (1.0 + 0.2), theta.Data[0], 14);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void Optimizer_state_round_trips_through_json_and_resumes_exactly(string kind)
    {
        Optimizer Make(Module m) => kind == "adam" ? new Adam(m.Parameters(), 0.03, weightDecay: 0.01) : new Sgd(m.Parameters(), 0.1, momentum: 0.8);
        void Train(Module m, Optimizer o, int steps)
        {
            var model = (TinyAttentionModel)m;
            for (var i = 0; i < steps; i++)
            {
                o.ZeroGrad();
                model.Loss(Ids, Offsets, Labels, 0.01).Backward();
                o.Step();
            }
        }

        var original = new TinyAttentionModel(6, 3, new Random(47));
        var optimizer = Make(original);
        Train(original, optimizer, 3);
        var modelJson = JsonSerializer.Serialize(original.StateDict());
        var optimizerJson = JsonSerializer.Serialize(optimizer.SaveState());
        Train(original, optimizer, 4);

        var resumed = new TinyAttentionModel(6, 3, new Random(48));
        var resumedOptimizer = Make(resumed);
        resumed.LoadStateDict(JsonSerializer.Deserialize<Dictionary<string, double[]>>(modelJson)!);
        resumedOptimizer.LoadState(JsonSerializer.Deserialize<OptimizerState>(optimizerJson)!);
        Assert.Equal(3, resumedOptimizer.StepCount);
        Train(resumed, resumedOptimizer, 4);

        foreach (var ((name, a), (_, b)) in original.NamedParameters().Zip(resumed.NamedParameters()))
            Assert.True(a.Data.SequenceEqual(b.Data), $"Parameter {name} differs after resuming.");
    }

    [Fact]
    public void Optimizer_state_of_another_kind_or_size_is_rejected()
    {
        var a = Tensor.Zeros([2], requiresGrad: true);
        var adamState = new Adam([a]).SaveState();
        Assert.Equal(2, adamState.Buffers.Length);
        Assert.Throws<ArgumentException>(() => new Sgd([a], 0.1, momentum: 0.9).LoadState(adamState));
        Assert.Throws<ArgumentException>(() => new Adam([Tensor.Zeros([3], requiresGrad: true)]).LoadState(adamState));
        Assert.Throws<ArgumentException>(() => new Adam([a, Tensor.Zeros([2], requiresGrad: true)]).LoadState(adamState));
    }

    [Fact]
    public void Saved_optimizer_state_is_a_copy()
    {
        var a = Tensor.Zeros([1], requiresGrad: true);
        var adam = new Adam([a], 0.1);
        a.Grad = [1.0];
        adam.Step();
        var state = adam.SaveState();
        var before = state.Buffers[0][0];
        adam.Step();
        Assert.Equal(before, state.Buffers[0][0]);
    }
}

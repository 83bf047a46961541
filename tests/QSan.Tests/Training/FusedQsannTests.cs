using QSan.Autograd;
using QSan.Model;
using QSan.Tests.Model;
using QSan.Training;
using static QSan.Tests.Model.ModelFixtures;

namespace QSan.Tests.Training;

public sealed class FusedQsannTests
{
    /// <summary>The graph's data loss, logits and gradients (data loss + λ‖w‖²), in parameter order.</summary>
    private static (double Loss, double[] Logits, double[][] Gradients) Graph(QsannModel model, LossKind loss, double lambda, int[] ids, int[] offsets, double[] labels)
    {
        var logits = model.Forward(ids, offsets);
        var data = QSanAutogradClassifier.DataLoss(logits, labels, loss);
        var total = lambda > 0 ? data + lambda * Functional.L2Penalty(model.Head.Weight) : data;
        total.Backward();
        var gradients = model.Parameters().Select(p => (double[])p.Grad!.Clone()).ToArray();
        foreach (var p in model.Parameters()) p.Grad = null;
        return (data.Item(), logits.Data, gradients);
    }

    private static (double Loss, double[] Logits, double[][] Gradients) Fused(QsannModel model, LossKind loss, double lambda, int[] ids, int[] offsets, double[] labels)
    {
        var step = FusedQsann.For(model, loss, lambda)!;
        var (value, logits) = step.AccumulateGradients(ids, offsets, labels);
        var gradients = model.Parameters().Select(p => (double[])p.Grad!.Clone()).ToArray();
        foreach (var p in model.Parameters()) p.Grad = null;
        return (value, logits, gradients);
    }

    public static TheoryData<LossKind, double, int, int> Cases => new()
    {
        { LossKind.Mse, 0.0, 2, 1 },
        { LossKind.Mse, 0.3, 2, 1 },
        { LossKind.Bce, 0.0, 3, 2 },
        { LossKind.Bce, 0.1, 4, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_fused_step_gives_the_graphs_loss_logits_and_every_gradient_bit_for_bit(LossKind loss, double lambda, int qubits, int depth)
    {
        var model = ModelFixtures.Qsann(qubits: qubits, depth: depth);
        var expected = Graph(model, loss, lambda, Ids, Offsets, Labels);
        var actual = Fused(model, loss, lambda, Ids, Offsets, Labels);
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Logits, actual.Logits);
        Assert.Equal(expected.Gradients.Length, actual.Gradients.Length);
        for (var i = 0; i < expected.Gradients.Length; i++) Assert.Equal(expected.Gradients[i], actual.Gradients[i]);
    }

    [Theory]
    [InlineData(LossKind.Mse)]
    [InlineData(LossKind.Bce)]
    public void Scoring_gives_the_graphs_loss_and_logits_bit_for_bit_and_leaves_the_gradients_alone(LossKind loss)
    {
        var model = ModelFixtures.Qsann(qubits: 3, depth: 1);
        Tensor expectedLogits;
        using (Tensor.NoGrad()) expectedLogits = model.Forward(Ids, Offsets);
        var expectedLoss = QSanAutogradClassifier.DataLoss(expectedLogits, Labels, loss).Item();
        var (actualLoss, actualLogits) = FusedQsann.For(model, loss, 0.5)!.Score(Ids, Offsets, Labels);
        Assert.Equal(expectedLoss, actualLoss);
        Assert.Equal(expectedLogits.Data, actualLogits);
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void The_fused_step_matches_the_graph_when_every_word_is_distinct_and_on_a_batch_large_enough_for_two_threads()
    {
        var model = ModelFixtures.Qsann(qubits: 4, depth: 1, vocabulary: 300, initStd: 0.4);
        // Distinct words only (the graph then skips its gather of distinct rows).
        int[] distinctIds = [4, 9, 2, 7, 1, 8];
        int[] distinctOffsets = [0, 2, 6];
        double[] twoLabels = [0, 1];
        AssertSame(Graph(model, LossKind.Mse, 0.0, distinctIds, distinctOffsets, twoLabels), Fused(model, LossKind.Mse, 0.0, distinctIds, distinctOffsets, twoLabels));

        // 16 sentences of 8–30 tokens from a vocabulary of 300: the attention kernel splits them between two threads.
        var random = new Random(11);
        var lengths = Enumerable.Range(0, 16).Select(_ => random.Next(8, 31)).ToArray();
        var offsets = new int[17];
        for (var s = 0; s < 16; s++) offsets[s + 1] = offsets[s] + lengths[s];
        var ids = Enumerable.Range(0, offsets[16]).Select(_ => random.Next(300)).ToArray();
        var labels = Enumerable.Range(0, 16).Select(s => (double)(s % 2)).ToArray();
        AssertSame(Graph(model, LossKind.Mse, 0.2, ids, offsets, labels), Fused(model, LossKind.Mse, 0.2, ids, offsets, labels));
    }

    private static void AssertSame((double Loss, double[] Logits, double[][] Gradients) expected, (double Loss, double[] Logits, double[][] Gradients) actual)
    {
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Logits, actual.Logits);
        for (var i = 0; i < expected.Gradients.Length; i++) Assert.Equal(expected.Gradients[i], actual.Gradients[i]);
    }

    [Fact]
    public void The_fused_step_adds_to_gradients_already_there_as_the_graphs_backward_pass_does()
    {
        var graph = ModelFixtures.Qsann();
        for (var i = 0; i < 2; i++) QSanAutogradClassifier.DataLoss(graph.Forward(Ids, Offsets), Labels, LossKind.Mse).Backward();
        var fused = ModelFixtures.Qsann();
        var step = FusedQsann.For(fused, LossKind.Mse, 0.0)!;
        for (var i = 0; i < 2; i++) step.AccumulateGradients(Ids, Offsets, Labels);
        foreach (var (expected, actual) in graph.Parameters().Zip(fused.Parameters())) Assert.Equal(expected.Grad!, actual.Grad!);
    }

    [Fact]
    public void Training_steps_through_the_fused_path_end_with_the_weights_and_Adam_state_of_graph_steps()
    {
        var options = new TrainingOptions(new DataSpec("builtin"), new ModelConfig(ModelKind.Qsann, Qubits: 2), Lambda: 0.05, WeightDecay: 1e-3);
        var graph = ModelFixtures.Qsann();
        var adam = new Adam(graph.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
        var fused = ModelFixtures.Qsann();
        var classifier = new QSanAutogradClassifier(fused, options);
        for (var step = 0; step < 4; step++)
        {
            adam.ZeroGrad();
            var logits = graph.Forward(Ids, Offsets);
            var data = QSanAutogradClassifier.DataLoss(logits, Labels, options.Loss);
            (data + options.Lambda * Functional.L2Penalty(graph.Head.Weight)).Backward();
            adam.Step();
            var (dataLoss, fusedLogits) = classifier.Step(Ids, Offsets, Labels);
            Assert.Equal(data.Item(), dataLoss);
            Assert.Equal(logits.Data, fusedLogits);
        }
        foreach (var (expected, actual) in graph.Parameters().Zip(fused.Parameters())) Assert.Equal(expected.Data, actual.Data);
        var expectedState = adam.SaveState();
        var actualState = classifier.SaveOptimizer();
        for (var i = 0; i < expectedState.Buffers.Length; i++) Assert.Equal(expectedState.Buffers[i], actualState.Buffers[i]);
    }

    [Fact]
    public void Only_the_paper_architecture_is_fused_and_other_models_keep_the_graph()
    {
        Assert.NotNull(FusedQsann.For(ModelFixtures.Qsann(), LossKind.Mse, 0.0));
        Assert.Null(FusedQsann.For(ModelFixtures.Qsann(layers: 2), LossKind.Mse, 0.0));
        Assert.Null(FusedQsann.For(ModelFixtures.Qsann(heads: 2), LossKind.Mse, 0.0));
        Assert.Null(FusedQsann.For(ModelFixtures.Qsann(positions: 4), LossKind.Mse, 0.0));
        Assert.Null(FusedQsann.For(ModelFixtures.Csann(), LossKind.Mse, 0.0));
    }

    [Fact]
    public void A_batch_with_an_empty_sentence_or_the_wrong_number_of_labels_is_refused_with_what_is_wrong()
    {
        var step = FusedQsann.For(ModelFixtures.Qsann(), LossKind.Mse, 0.0)!;
        var empty = Assert.Throws<ArgumentException>(() => step.AccumulateGradients([1, 2], [0, 2, 2], [1, 0]));
        Assert.Contains("Sentence 1 has no tokens", empty.Message);
        var labels = Assert.Throws<ArgumentException>(() => step.AccumulateGradients(Ids, Offsets, [1, 0]));
        Assert.Contains("3 sentences but 2 labels", labels.Message);
        var ends = Assert.Throws<ArgumentException>(() => step.AccumulateGradients(Ids, [0, 4, 9], [1, 0]));
        Assert.Contains("token count 10", ends.Message);
        var id = Assert.Throws<ArgumentOutOfRangeException>(() => step.AccumulateGradients([1, 99], [0, 2], [1]));
        Assert.Contains("99", id.Message);
    }
}

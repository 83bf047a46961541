using QSan.Model;
using QSan.Tests.Model;
using QSan.Training;
using static QSan.Tests.Model.ModelFixtures;

namespace QSan.Tests.Training;

public sealed class WarmUpTests
{
    public static TheoryData<string> Models => new() { "qsann", "qsann-two-layers", "csann" };

    private static SentenceClassifier Create(string name) => name switch
    {
        "qsann" => ModelFixtures.Qsann(),
        "qsann-two-layers" => ModelFixtures.Qsann(layers: 2),
        _ => ModelFixtures.Csann(),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Warming_up_in_the_middle_of_training_changes_no_later_step(string name)
    {
        var options = new TrainingOptions(new DataSpec("builtin"), new ModelConfig(ModelKind.Qsann, Qubits: 2), Lambda: 0.1, DecoupledWeightDecay: 0.01);
        var plain = new QSanAutogradClassifier(Create(name), options);
        var warmed = new QSanAutogradClassifier(Create(name), options);
        for (var step = 0; step < 3; step++)
        {
            if (step == 1) warmed.WarmUp([3, 4, 2], [0, 1, 3], [0, 1]);
            var expected = plain.Step(Ids, Offsets, Labels);
            var actual = warmed.Step(Ids, Offsets, Labels);
            Assert.Equal(expected.DataLoss, actual.DataLoss);
            Assert.Equal(expected.Logits, actual.Logits);
        }
        var expectedWeights = plain.StateDict();
        foreach (var (parameter, values) in warmed.StateDict()) Assert.Equal(expectedWeights[parameter], values);
        var expectedState = plain.SaveOptimizer();
        var actualState = warmed.SaveOptimizer();
        Assert.Equal(expectedState.StepCount, actualState.StepCount);
        for (var i = 0; i < expectedState.Buffers.Length; i++) Assert.Equal(expectedState.Buffers[i], actualState.Buffers[i]);
    }
}

using QSan.Autograd;
using QSan.Model;
using QSan.Tests.Autograd;

namespace QSan.Tests.Model;

/// <summary>Learned position angles (<see cref="ModelConfig.Positions"/>): the one way word order reaches the model.</summary>
public sealed class PositionTests
{
    private static readonly int[] Sentence = [1, 2, 3, 4];
    private static readonly int[] Swapped = [2, 1, 3, 4];

    private static double Probability(SentenceClassifier model, int[] ids) => model.Probabilities(ids, [0, ids.Length])[0];

    [Fact]
    public void Without_positions_the_papers_model_cannot_tell_a_sentence_from_its_permutation()
    {
        var model = ModelFixtures.Qsann();
        Assert.Equal(Probability(model, Sentence), Probability(model, Swapped), 12);
    }

    [Fact]
    public void With_positions_swapping_two_words_changes_the_probability()
    {
        var model = ModelFixtures.Qsann(positions: 4);
        Assert.NotEqual(Probability(model, Sentence), Probability(model, Swapped), 6);
    }

    [Fact]
    public void Tokens_beyond_the_table_share_its_last_row_so_their_order_no_longer_matters()
    {
        var model = ModelFixtures.Qsann(positions: 2);
        Assert.Equal(Probability(model, [1, 2, 3, 4]), Probability(model, [1, 2, 4, 3]), 12);
        Assert.NotEqual(Probability(model, [1, 2, 3, 4]), Probability(model, [2, 1, 3, 4]), 6);
    }

    [Fact]
    public void Positions_restart_at_every_sentence_of_a_batch()
    {
        var model = ModelFixtures.Csann(positions: 3);
        int[] ids = [1, 2, 3, 4, 5, 6, 1];
        int[] offsets = [0, 3, 7];
        var together = model.Probabilities(ids, offsets);
        Assert.Equal(Probability(model, [1, 2, 3]), together[0], 12);
        Assert.Equal(Probability(model, [4, 5, 6, 1]), together[1], 12);
    }

    [Fact]
    public void QSANN_with_positions_has_the_gradients_of_finite_differences_position_table_included()
    {
        var model = ModelFixtures.Qsann(layers: 2, positions: 3);
        int[] ids = [1, 2, 1, 3, 4, 2, 5];
        int[] offsets = [0, 4, 7];
        var labels = Tensor.FromArray([1.0, 0.0]);
        Assert.Contains(model.NamedParameters(), p => p.Name == "positions.weight");
        GradCheck.Check(_ => Functional.MseLoss(model.Forward(ids, offsets).Sigmoid(), labels), model.Parameters().ToArray(), tolerance: 1e-6);
    }
}

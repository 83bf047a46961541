using QSan.Model;

namespace QSan.Tests.Model;

public sealed class ParameterCountTests
{
    [Fact]
    public void QSANN_on_two_qubits_of_depth_one_has_the_papers_25_parameters_three_ansatzes_of_6_angles_plus_6_head_weights_and_a_bias()
    {
        var model = ModelFixtures.Qsann(qubits: 2, depth: 1);
        Assert.Equal(6, model.Dimension);
        Assert.Equal(25, model.ParametersOutsideEmbeddings);
        Assert.Equal(25, model.Config.ParameterCount);
    }

    [Fact]
    public void QSANN_on_four_qubits_of_depth_one_has_the_papers_49_parameters_three_ansatzes_of_12_angles_plus_12_head_weights_and_a_bias()
    {
        var model = ModelFixtures.Qsann(qubits: 4, depth: 1);
        Assert.Equal(12, model.Dimension);
        Assert.Equal(49, model.ParametersOutsideEmbeddings);
    }

    [Fact]
    public void CSANN_with_d_16_has_the_papers_785_parameters_three_16_by_16_maps_without_bias_plus_16_head_weights_and_a_bias()
    {
        var model = ModelFixtures.Csann(dimension: 16);
        Assert.Equal(785, model.ParametersOutsideEmbeddings);
        Assert.Equal(785, model.Config.ParameterCount);
    }

    [Theory]
    [InlineData(ModelKind.Qsann, 2, 1, 1, 1)]
    [InlineData(ModelKind.Qsann, 3, 2, 2, 1)]
    [InlineData(ModelKind.Qsann, 2, 1, 2, 3)]
    [InlineData(ModelKind.Csann, 1, 1, 3, 2)]
    [InlineData(ModelKind.Qsann, 2, 1, 1, 1, 4)]
    [InlineData(ModelKind.Csann, 1, 1, 2, 2, 3)]
    public void The_configs_count_is_the_count_of_the_built_model_for_any_layers_heads_and_positions(ModelKind kind, int qubits, int depth, int layers, int heads, int positions = 0)
    {
        SentenceClassifier model = kind == ModelKind.Qsann
            ? ModelFixtures.Qsann(qubits, depth, layers, heads, positions: positions)
            : ModelFixtures.Csann(dimension: 5, layers: layers, heads: heads, positions: positions);
        Assert.Equal(model.Config.ParameterCount, model.ParametersOutsideEmbeddings);
        Assert.Equal(7 * model.Dimension, model.Embedding.Weight.Count);
    }

    [Fact]
    public void Learned_positions_add_a_row_of_d_angles_per_position_to_the_papers_49()
    {
        var config = new ModelConfig(ModelKind.Qsann, Qubits: 4, Depth: 1, Positions: 4);
        Assert.Equal(49 + 4 * 12, config.ParameterCount);
        Assert.Equal("QSANN n = 4, D = 1, d = 12, L = 1, H = 1, 4 learned positions", config.Describe());
        Assert.Throws<ArgumentException>(() => (config with { Positions = -1 }).Validate());
    }

    [Fact]
    public void Parameters_are_named_by_layer_and_head_in_pipeline_order()
    {
        var model = ModelFixtures.Qsann(layers: 2, heads: 2);
        Assert.Equal(
            ["embedding.weight", "layer0.head0", "layer0.head1", "layer0.output.weight", "layer1.head0", "layer1.head1", "layer1.output.weight", "head.weight", "head.bias"],
            model.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal([3, 6], model.Layer(0).Weights(1).Shape);
    }
}

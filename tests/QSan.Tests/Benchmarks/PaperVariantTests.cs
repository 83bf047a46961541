using QSan.Benchmarks;
using QSan.Cli;
using QSan.Model;

namespace QSan.Tests.Benchmarks;

public sealed class PaperVariantTests
{
    [Fact]
    public void Every_named_variant_is_a_valid_train_command_line_for_every_paper_dataset()
    {
        foreach (var variant in PaperVariants.All)
            foreach (var dataset in PaperReference.Datasets)
                foreach (var model in new[] { ModelKind.Qsann, ModelKind.Csann })
                {
                    var options = BenchPaperCommand.OptionsFor(new PaperRunSpec(dataset, model, variant, 3), null, null, null);
                    options.Validate();
                    Assert.Equal(dataset, options.Data.Dataset);
                    Assert.Equal(model, options.Model.Kind);
                    Assert.Equal(3, options.Seed);
                }
    }

    [Fact]
    public void The_canonical_variant_trains_with_the_papers_sizes()
    {
        var mc = BenchPaperCommand.OptionsFor(new PaperRunSpec("mc", ModelKind.Qsann, PaperVariants.Canonical, 1), null, null, null);
        var yelp = BenchPaperCommand.OptionsFor(new PaperRunSpec("yelp", ModelKind.Qsann, PaperVariants.Canonical, 1), null, null, null);
        Assert.Equal((2, 1, 1, 1), (mc.Model.Qubits, mc.Model.Depth, mc.Model.Layers, mc.Model.Heads));
        Assert.Equal((4, 1, 1, 1), (yelp.Model.Qubits, yelp.Model.Depth, yelp.Model.Layers, yelp.Model.Heads));
        Assert.Equal(25, mc.Model.ParameterCount);
        Assert.Equal(49, yelp.Model.ParameterCount);
    }

    [Fact]
    public void By_default_the_benchmark_runs_the_canonical_model_and_the_campaigns_picks_and_only_heads_and_positions_add_parameters()
    {
        Assert.Equal(["canonical", "negation", "positions"], PaperVariants.Default.Select(v => v.Name));
        foreach (var variant in PaperVariants.All.Where(v => v != PaperVariants.Heads2 && v != PaperVariants.Positions))
        {
            var yelp = BenchPaperCommand.OptionsFor(new PaperRunSpec("yelp", ModelKind.Qsann, variant, 1), null, null, null);
            Assert.Equal(49, yelp.Model.ParameterCount);
        }
        var pick = BenchPaperCommand.OptionsFor(new PaperRunSpec("imdb", ModelKind.Qsann, PaperVariants.Negation, 1), null, null, null);
        Assert.Equal((QSan.Data.TokenizerMode.Stems, true, 0.1, 0.3), (pick.Data.Tokenizer, pick.Data.MarkNegation, pick.Lambda, pick.DecoupledWeightDecay));
        var ordered = BenchPaperCommand.OptionsFor(new PaperRunSpec("rp", ModelKind.Qsann, PaperVariants.Positions, 1), null, null, null);
        Assert.Equal(4, ordered.Model.Positions);
        Assert.Equal(49 + 4 * 12, ordered.Model.ParameterCount);
    }

    [Fact]
    public void A_custom_variant_is_a_name_and_train_options()
    {
        var variant = PaperVariant.Parse("fast=--lr 0.05  --epochs 10");
        Assert.Equal("fast", variant.Name);
        Assert.Equal(["--lr", "0.05", "--epochs", "10"], variant.Arguments);
        var options = BenchPaperCommand.OptionsFor(new PaperRunSpec("yelp", ModelKind.Qsann, variant, 1), null, null, null);
        Assert.Equal(0.05, options.LearningRate);
        Assert.Equal(10, options.Epochs);
    }

    [Fact]
    public void The_epoch_override_and_data_folder_apply_on_top_of_the_variant()
    {
        var variant = PaperVariant.Parse("long=--epochs 40");
        var options = BenchPaperCommand.OptionsFor(new PaperRunSpec("rp", ModelKind.Csann, variant, 2), 3, "/data", null);
        Assert.Equal(3, options.Epochs);
        Assert.Equal("/data", options.Data.DataDirectory);
    }
}

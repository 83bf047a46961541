using QSan.Benchmarks;
using QSan.Cli;
using QSan.Data;
using QSan.Model;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class TrainingRecipeTests
{
    [Fact]
    public void Every_named_recipe_is_a_valid_run_for_every_paper_dataset_and_model()
    {
        foreach (var recipe in TrainingRecipes.All)
            foreach (var dataset in PaperReference.Datasets)
                foreach (var model in new[] { ModelKind.Qsann, ModelKind.Csann })
                {
                    var options = PaperBenchmark.OptionsFor(new PaperRunSpec(dataset, model, recipe, 3));
                    options.Validate();
                    Assert.Equal(dataset, options.Data.Dataset);
                    Assert.Equal(model, options.Model.Kind);
                    Assert.Equal(3, options.Seed);
                }
    }

    [Fact]
    public void Every_recipes_flags_given_to_train_give_the_options_its_code_gives()
    {
        // The flags are how a run is repeated by hand; they must say exactly what the recipe does.
        foreach (var recipe in TrainingRecipes.All)
            foreach (var dataset in PaperReference.Datasets)
                foreach (var model in new[] { "qsann", "csann" })
                {
                    var byFlags = TrainCommand.ParseOptions(["--dataset", dataset, "--model", model, "--seed", "2", .. recipe.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
                    var byCode = recipe.Apply(TrainingPresets.Paper(DataSpec.Named(dataset), model == "csann" ? ModelKind.Csann : ModelKind.Qsann, 2));
                    Assert.Equal(byCode, byFlags);
                }
    }

    [Fact]
    public void Train_without_flags_runs_the_papers_preset()
    {
        Assert.Equal(TrainingPresets.Paper(DataSpec.BuiltIn), TrainCommand.ParseOptions([]));
        Assert.Equal(TrainingPresets.Paper("yelp"), TrainCommand.ParseOptions(["--dataset", "yelp"]));
        Assert.Equal(TrainingPresets.Paper("imdb", TrainingRecipes.Negation, "/data", ModelKind.Csann, 4),
            TrainCommand.ParseOptions(["-d", "imdb", "--data-dir", "/data", "--model", "csann", "--seed", "4", "--tokenizer", "stems", "--lambda", "0.1", "--decoupled-weight-decay", "0.3", "--negation"]));
    }

    [Fact]
    public void The_canonical_recipe_trains_with_the_papers_sizes()
    {
        var mc = TrainingPresets.Paper("mc");
        var yelp = TrainingPresets.Paper("yelp", TrainingRecipes.Canonical);
        Assert.Equal((2, 1, 1, 1), (mc.Model.Qubits, mc.Model.Depth, mc.Model.Layers, mc.Model.Heads));
        Assert.Equal((4, 1, 1, 1), (yelp.Model.Qubits, yelp.Model.Depth, yelp.Model.Layers, yelp.Model.Heads));
        Assert.Equal(25, mc.Model.ParameterCount);
        Assert.Equal(49, yelp.Model.ParameterCount);
    }

    [Fact]
    public void By_default_the_benchmark_runs_the_canonical_model_and_the_campaigns_picks_and_only_heads_and_positions_add_parameters()
    {
        Assert.Equal(["canonical", "negation", "positions", "softmax"], TrainingRecipes.Default.Select(v => v.Name));
        foreach (var recipe in TrainingRecipes.All.Where(v => v != TrainingRecipes.Heads2 && v != TrainingRecipes.Positions))
            Assert.Equal(49, TrainingPresets.Paper("yelp", recipe).Model.ParameterCount);
        var pick = TrainingPresets.Paper("imdb", TrainingRecipes.Negation);
        Assert.Equal((TokenizerMode.Stems, true, 0.1, 0.3), (pick.Data.Tokenizer, pick.Data.MarkNegation, pick.Lambda, pick.DecoupledWeightDecay));
        var ordered = TrainingPresets.Paper("rp", TrainingRecipes.Positions);
        Assert.Equal(4, ordered.Model.Positions);
        Assert.Equal(49 + 4 * 12, ordered.Model.ParameterCount);
        Assert.True(TrainingRecipes.Softmax.ClassicalOnly);
        Assert.Equal(AttentionKind.Softmax, TrainingPresets.Paper("yelp", TrainingRecipes.Softmax).Model.Attention);
    }

    [Fact]
    public void A_custom_recipe_is_a_name_and_train_options_that_change_only_what_they_name()
    {
        var recipe = TrainCommand.ParseRecipe("fast=--lr 0.05  --epochs 10");
        Assert.Equal("fast", recipe.Name);
        Assert.Equal("--lr 0.05 --epochs 10", recipe.Flags);
        var options = PaperBenchmark.OptionsFor(new PaperRunSpec("yelp", ModelKind.Qsann, recipe, 1));
        Assert.Equal(TrainingPresets.Paper("yelp") with { LearningRate = 0.05, Epochs = 10 }, options);
        var onTopOfNegation = recipe.Apply(TrainingPresets.Paper("imdb", TrainingRecipes.Negation));
        Assert.True(onTopOfNegation.Data.MarkNegation);
        Assert.Equal(0.05, onTopOfNegation.LearningRate);
    }

    [Fact]
    public void A_malformed_custom_recipe_fails_with_a_clear_message()
    {
        Assert.Contains("NAME=OPTIONS", Assert.Throws<ArgumentException>(() => TrainCommand.ParseRecipe("--lr 0.05")).Message);
        Assert.Contains("--bogus", Assert.Throws<ArgumentException>(() => TrainCommand.ParseRecipe("x=--bogus 1")).Message);
    }

    [Fact]
    public void The_epoch_override_and_data_folder_apply_on_top_of_the_recipe()
    {
        var recipe = TrainCommand.ParseRecipe("long=--epochs 40");
        var options = PaperBenchmark.OptionsFor(new PaperRunSpec("rp", ModelKind.Csann, recipe, 2), 3, "/data");
        Assert.Equal(3, options.Epochs);
        Assert.Equal("/data", options.Data.DataDirectory);
    }
}

using QSan.Data;
using QSan.Model;

namespace QSan.Training;

/// <summary>
/// Training options with the paper's defaults: the starting point of <c>train</c>, <c>bench paper</c> and notebooks,
/// which then change only what they name (flags, <see cref="TrainingRecipe"/>s, <c>with</c> expressions).
/// </summary>
public static class TrainingPresets
{
    /// <summary>
    /// The paper's model and training for <paramref name="data"/>: QSANN with n = 2 qubits for MC (and the built-in
    /// corpus, which follows MC's grammar) and n = 4 otherwise, D = 1, L = 1, H = 1, N(0, 0.01²) initialisation,
    /// Adam 0.01, batch 16, MSE, 20 epochs with the epoch selected on a 20 % validation split. CSANN gets d = 16.
    /// </summary>
    /// <param name="data">The sentences, e.g. <see cref="DataSpec.Named"/>.</param>
    /// <param name="model">QSANN (the default) or the classical baseline CSANN.</param>
    /// <param name="seed">Seeds splits, initialisation and shuffling.</param>
    public static TrainingOptions Paper(DataSpec data, ModelKind model = ModelKind.Qsann, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TrainingOptions(data, new ModelConfig(model, PaperQubits(data)), Seed: seed);
    }

    /// <summary><see cref="Paper(DataSpec, ModelKind, int)"/> for a named dataset (mc, rp, yelp, imdb, amazon, builtin) changed by <paramref name="recipe"/>.</summary>
    /// <param name="dataset">The dataset's name.</param>
    /// <param name="recipe">A named recipe, e.g. <see cref="TrainingRecipes.Negation"/>; null: the canonical one.</param>
    /// <param name="dataDirectory">Folder with the datasets' files, or null for <c>$QSAN_DATA</c> or the download cache.</param>
    /// <param name="model">QSANN or CSANN.</param>
    /// <param name="seed">The run's seed.</param>
    public static TrainingOptions Paper(string dataset, TrainingRecipe? recipe = null, string? dataDirectory = null, ModelKind model = ModelKind.Qsann, int seed = 1)
    {
        var options = Paper(DataSpec.Named(dataset, dataDirectory), model, seed);
        return recipe is null ? options : recipe.Apply(options);
    }

    /// <summary>The paper's n for a dataset: 2 for MC and the built-in corpus, 4 for the others and for the user's files.</summary>
    public static int PaperQubits(DataSpec data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Dataset is { } name && (name.Equals("mc", StringComparison.OrdinalIgnoreCase) || name.Equals(BuiltInCorpus.Name, StringComparison.OrdinalIgnoreCase)) ? 2 : 4;
    }
}

using QSan.Model;
using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>What <see cref="PaperBenchmark"/> runs: every dataset × model × variant × seed (CSANN skips quantum-only variants).</summary>
/// <param name="Datasets">Dataset names.</param>
/// <param name="Models">QSANN and/or CSANN.</param>
/// <param name="Variants">Training recipes.</param>
/// <param name="Seeds">Seeds; each is one run (on the UCI sets also its own stratified train/test split).</param>
/// <param name="Protocol">How each seed selects its model.</param>
/// <param name="Folds">K of <see cref="PaperProtocol.CrossValidation"/>.</param>
public sealed record PaperBenchmarkPlan(
    IReadOnlyList<string> Datasets, IReadOnlyList<ModelKind> Models, IReadOnlyList<TrainingRecipe> Variants, IReadOnlyList<int> Seeds,
    PaperProtocol Protocol = PaperProtocol.Holdout, int Folds = 5)
{
    /// <summary>
    /// What <c>bench paper</c> runs by default: the paper's five datasets, QSANN and CSANN, the default recipes
    /// (<see cref="TrainingRecipes.Default"/>), seeds 1–5, each seed's epoch count chosen by 5-fold cross-validation.
    /// </summary>
    public static PaperBenchmarkPlan Default { get; } = new(PaperReference.Datasets, [ModelKind.Qsann, ModelKind.Csann], TrainingRecipes.Default,
        [1, 2, 3, 4, 5], PaperProtocol.CrossValidation, 5);

    /// <summary>The runs in order: dataset, then model, then variant, then seed.</summary>
    public IReadOnlyList<PaperRunSpec> Runs()
    {
        var runs = new List<PaperRunSpec>();
        foreach (var dataset in Datasets)
            foreach (var model in Models)
                foreach (var variant in Variants)
                {
                    if (model == ModelKind.Csann && variant.QuantumOnly) continue;
                    if (model == ModelKind.Qsann && variant.ClassicalOnly) continue;
                    foreach (var seed in Seeds) runs.Add(new PaperRunSpec(dataset, model, variant, seed));
                }
        return runs;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an empty list, a repeated variant name or too few folds.</summary>
    public PaperBenchmarkPlan Validate()
    {
        if (Datasets.Count == 0) throw new ArgumentException("Give at least one dataset.");
        if (Models.Count == 0) throw new ArgumentException("Give at least one model.");
        if (Variants.Count == 0) throw new ArgumentException("Give at least one variant.");
        if (Seeds.Count == 0) throw new ArgumentException("Give at least one seed.");
        if (Protocol == PaperProtocol.CrossValidation && Folds < 2) throw new ArgumentException($"Cross-validation needs at least 2 folds; got {Folds}.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in Variants)
            if (!names.Add(v.Name)) throw new ArgumentException($"The variant name '{v.Name}' is used twice.");
        return this;
    }
}

using QSan.Model;
using QSan.Training;

namespace QSan.Benchmarks;

/// <summary>One training run of the paper benchmark.</summary>
/// <param name="Dataset">mc, rp, yelp, imdb or amazon.</param>
/// <param name="Model">QSANN or CSANN.</param>
/// <param name="Variant">The training recipe.</param>
/// <param name="Seed">The run's seed (splits, initialisation, shuffling).</param>
public sealed record PaperRunSpec(string Dataset, ModelKind Model, TrainingRecipe Variant, int Seed);

namespace QSan.Model;

/// <summary>Builds the classifier a <see cref="ModelConfig"/> describes.</summary>
public static class ModelFactory
{
    /// <summary>A freshly initialised QSANN or CSANN.</summary>
    /// <param name="config">The architecture.</param>
    /// <param name="vocabularySize">Rows of the embedding table.</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="quantum">The quantum layer; required for QSANN, ignored for CSANN.</param>
    public static SentenceClassifier Create(ModelConfig config, int vocabularySize, Random random, QuantumQkv? quantum)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Kind switch
        {
            ModelKind.Qsann => new QsannModel(config, vocabularySize, quantum ?? throw new ArgumentException("QSANN needs a quantum layer.", nameof(quantum)), random),
            ModelKind.Csann => new CsannModel(config, vocabularySize, random),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "Unknown model kind."),
        };
    }
}

namespace QSan.Data;

/// <summary>The parts of a dataset used for training, model selection and the final score.</summary>
/// <param name="Train">Sentences to fit on (the vocabulary is built from these only).</param>
/// <param name="Validation">Sentences for model selection, if the dataset has or was given them.</param>
/// <param name="Test">Held-out sentences for the reported accuracy.</param>
public sealed record DatasetSplits(IReadOnlyList<LabelledSentence> Train, IReadOnlyList<LabelledSentence>? Validation, IReadOnlyList<LabelledSentence> Test)
{
    /// <summary>
    /// Reads user files in either format (detected per file by a TAB). Without <paramref name="testPath"/>, a
    /// stratified <see cref="DatasetCatalog.DefaultTestFraction"/> of the training file is held out with <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="DatasetFormatException">A file breaks its format.</exception>
    public static DatasetSplits FromFiles(string trainPath, string? validationPath, string? testPath, int seed)
    {
        var train = SentenceFileReader.ReadFile(trainPath);
        var validation = validationPath is null ? null : SentenceFileReader.ReadFile(validationPath);
        if (testPath is not null) return new DatasetSplits(train, validation, SentenceFileReader.ReadFile(testPath));
        var (kept, test) = StratifiedSplitter.Split(train, DatasetCatalog.DefaultTestFraction, seed);
        return new DatasetSplits(kept, validation, test);
    }

    /// <summary>
    /// Moves a stratified <paramref name="fraction"/> of <see cref="Train"/> into <see cref="Validation"/>
    /// (deterministic for a given <paramref name="seed"/>). Fails when a validation split already exists.
    /// </summary>
    public DatasetSplits CarveValidation(double fraction, int seed)
    {
        if (Validation is not null)
            throw new InvalidOperationException("This dataset already has a validation split; carve one only from datasets without.");
        var (train, validation) = StratifiedSplitter.Split(Train, fraction, seed);
        return this with { Train = train, Validation = validation };
    }

    /// <summary>
    /// Moves fold <paramref name="fold"/> of a stratified <paramref name="folds"/>-fold partition of <see cref="Train"/>
    /// into <see cref="Validation"/> (k-fold cross-validation). Fails when a validation split already exists.
    /// </summary>
    public DatasetSplits CarveValidationFold(int folds, int fold, int seed)
    {
        if (Validation is not null)
            throw new InvalidOperationException("This dataset already has a validation split; carve one only from datasets without.");
        var (train, validation) = StratifiedSplitter.Fold(Train, folds, fold, seed);
        return this with { Train = train, Validation = validation };
    }
}

using System.Security.Cryptography;
using System.Text;
using QSan.Data;

namespace QSan.Training;

/// <summary>
/// A run's sentences ready for the model: the splits (with a validation split carved from the training split when the
/// dataset has none), cut into tokens, the vocabulary of the training split, and every sentence as ids.
/// </summary>
public sealed class RunData
{
    private RunData(Tokenizer tokenizer, Vocabulary vocabulary, DatasetSplits splits, string origin, IReadOnlyList<string> warnings)
    {
        Tokenizer = tokenizer;
        Vocabulary = vocabulary;
        Train = EncodedSentences.Encode(splits.Train, tokenizer, vocabulary);
        Validation = EncodedSentences.Encode(splits.Validation ?? [], tokenizer, vocabulary);
        Test = EncodedSentences.Encode(splits.Test, tokenizer, vocabulary);
        Fingerprint = FingerprintOf(splits);
        Origin = origin;
        Warnings = warnings;
    }

    /// <summary>Cuts sentences into tokens.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Built from the training split (or restored from a checkpoint).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The sentences fitted on.</summary>
    public EncodedSentences Train { get; }

    /// <summary>The sentences that select the epoch (may be empty).</summary>
    public EncodedSentences Validation { get; }

    /// <summary>The sentences scored once at the end.</summary>
    public EncodedSentences Test { get; }

    /// <summary>A hash of the three splits, so a run resumed on changed data is refused.</summary>
    public string Fingerprint { get; }

    /// <summary>Where the data came from (folder, cache or generator).</summary>
    public string Origin { get; }

    /// <summary>Things about the data the user should see (e.g. a file whose checksum differs from the canonical one).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Loads the splits of <paramref name="options"/> and encodes them.</summary>
    /// <param name="options">The run's data, seed and validation settings.</param>
    /// <param name="vocabulary">A saved vocabulary's words (index = id), or null to build one from the training split.</param>
    /// <param name="cancellationToken">Cancels a dataset download.</param>
    public static async Task<RunData> LoadAsync(TrainingOptions options, IReadOnlyList<string>? vocabulary = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (splits, origin, warnings) = await options.Data.LoadAsync(options.Seed, cancellationToken).ConfigureAwait(false);
        if (splits.Validation is null && options.ValidationFolds > 0)
            splits = splits.CarveValidationFold(options.ValidationFolds, options.ValidationFold, TrainingRandom.ValidationSeed(options.Seed));
        else if (splits.Validation is null && options.ValidationFraction > 0)
            splits = splits.CarveValidation(options.ValidationFraction, TrainingRandom.ValidationSeed(options.Seed));
        if (splits.Train.Count == 0) throw new ArgumentException("The training split is empty.");
        if (splits.Test.Count == 0) throw new ArgumentException("The test split is empty.");
        var tokenizer = options.Data.CreateTokenizer();
        var words = vocabulary is null ? Vocabulary.Build(splits.Train, tokenizer, options.MinCount) : Vocabulary.FromWords(vocabulary);
        return new RunData(tokenizer, words, splits, origin, warnings);
    }

    private static string FingerprintOf(DatasetSplits splits)
    {
        var text = new StringBuilder();
        void Add(string part, IReadOnlyList<LabelledSentence>? sentences)
        {
            foreach (var s in sentences ?? []) text.Append(part).Append('|').Append(s.Label).Append('|').Append(s.Text).Append('\n');
        }
        Add("train", splits.Train);
        Add("validation", splits.Validation);
        Add("test", splits.Test);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

namespace QSan.Data;

/// <summary>
/// A small corpus generated in process (no files, no network), so a first run always has data. Sentences
/// follow MC's grammar, "[adjective] subject verb [adjective] object .", and the label is the topic:
/// 1 for food, 0 for IT. Subjects and some verbs ("prepares", "makes", "likes") are shared between topics,
/// so the label rests on the verb–object pair rather than on any single position.
/// </summary>
public static class BuiltInCorpus
{
    /// <summary>The name under which <see cref="DatasetResolver.LoadAsync"/> serves this corpus.</summary>
    public const string Name = "builtin";

    /// <summary>Default number of sentences.</summary>
    public const int DefaultCount = 200;

    private static readonly string[] Subjects = ["man", "woman", "person", "student", "friend", "neighbour"];
    private static readonly string[] SubjectAdjectives = ["", "skillful", "young", "clever", "busy"];
    private static readonly string[] SharedVerbs = ["prepares", "makes", "likes"];
    private static readonly string[] FoodVerbs = ["cooks", "bakes", "serves", "tastes", "eats"];
    private static readonly string[] FoodObjects = ["meal", "dinner", "sauce", "soup", "bread", "cake"];
    private static readonly string[] FoodAdjectives = ["", "tasty", "fresh", "warm", "delicious"];
    private static readonly string[] ItVerbs = ["debugs", "runs", "writes", "installs", "tests"];
    private static readonly string[] ItObjects = ["program", "software", "application", "code", "server", "database"];
    private static readonly string[] ItAdjectives = ["", "useful", "new", "fast", "secure"];

    /// <summary>
    /// <paramref name="count"/> distinct sentences, alternating food (label 1) and IT (label 0) so the labels
    /// are balanced; the same seed always gives the same corpus.
    /// </summary>
    public static IReadOnlyList<LabelledSentence> Generate(int seed, int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 5000);
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sentences = new List<LabelledSentence>(count);
        while (sentences.Count < count)
        {
            var label = sentences.Count % 2 == 0 ? 1 : 0;
            var text = Sentence(random, label);
            if (seen.Add(text)) sentences.Add(new LabelledSentence(text, label));
        }
        return sentences;
    }

    /// <summary>The generated corpus split 80/20 into train and test, stratified, both with <paramref name="seed"/>.</summary>
    public static DatasetSplits Load(int seed, int count = DefaultCount)
    {
        var (train, test) = StratifiedSplitter.Split(Generate(seed, count), DatasetCatalog.DefaultTestFraction, seed);
        return new DatasetSplits(train, null, test);
    }

    private static string Sentence(Random random, int label)
    {
        var food = label == 1;
        var verbs = random.Next(4) == 0 ? SharedVerbs : food ? FoodVerbs : ItVerbs;
        var words = new List<string>(7);
        AddIfAny(words, Pick(random, SubjectAdjectives));
        words.Add(Pick(random, Subjects));
        words.Add(Pick(random, verbs));
        AddIfAny(words, Pick(random, food ? FoodAdjectives : ItAdjectives));
        words.Add(Pick(random, food ? FoodObjects : ItObjects));
        words.Add(".");
        return string.Join(' ', words);
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    private static void AddIfAny(List<string> words, string word)
    {
        if (word.Length > 0) words.Add(word);
    }
}

using System.Globalization;
using System.Text;

namespace QSan.Data;

/// <summary>
/// Reads labelled-sentence files line by line (no CSV quoting, so IMDb's unbalanced quotes cannot swallow rows).
/// Lines end at LF with an optional CR before it (a lone CR is ordinary text); the last line may lack a newline;
/// blank lines are allowed only at the end of the file.
/// </summary>
public static class SentenceFileReader
{
    /// <summary>Reads a file as UTF-8 (a BOM is honoured); with no <paramref name="format"/> it is detected by <see cref="DetectFormat"/>.</summary>
    /// <exception cref="DatasetFormatException">A line breaks the format; the message names the file and line.</exception>
    public static IReadOnlyList<LabelledSentence> ReadFile(string path, DatasetFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path, format);
    }

    /// <summary>Parses file contents; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="DatasetFormatException">A line breaks the format; the message names the file and line.</exception>
    public static IReadOnlyList<LabelledSentence> Parse(string contents, string fileName, DatasetFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(fileName);
        var lines = SplitLines(contents);
        var resolved = format ?? DetectFormat(contents);

        var last = lines.Count - 1;
        while (last >= 0 && string.IsNullOrWhiteSpace(lines[last])) last--;
        if (last < 0) throw new DatasetFormatException(fileName, 1, "the file has no labelled sentences.");

        var sentences = new List<LabelledSentence>(last + 1);
        for (var i = 0; i <= last; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(line))
                throw new DatasetFormatException(fileName, number, "blank line between sentences (blank lines are allowed only at the end of the file).");
            sentences.Add(resolved == DatasetFormat.TabSeparated ? ParseTabSeparated(line, fileName, number) : ParseLabelFirst(line, fileName, number));
        }
        return sentences;
    }

    /// <summary>A file with a TAB anywhere is <see cref="DatasetFormat.TabSeparated"/>; otherwise <see cref="DatasetFormat.LabelFirst"/>.</summary>
    public static DatasetFormat DetectFormat(string contents) =>
        contents.Contains('\t') ? DatasetFormat.TabSeparated : DatasetFormat.LabelFirst;

    private static List<string> SplitLines(string contents)
    {
        var lines = new List<string>();
        var start = 0;
        while (start <= contents.Length)
        {
            var end = contents.IndexOf('\n', start);
            if (end < 0) end = contents.Length;
            var length = end - start;
            if (length > 0 && contents[end - 1] == '\r') length--;
            lines.Add(contents.Substring(start, length));
            start = end + 1;
        }
        return lines;
    }

    private static LabelledSentence ParseLabelFirst(string line, string fileName, int number)
    {
        var text = line.AsSpan().Trim();
        var gap = text.IndexOfAny(' ', '\t');
        var first = gap < 0 ? text : text[..gap];
        var label = ParseLabel(first);
        if (label < 0)
        {
            var token = first.ToString();
            throw new DatasetFormatException(fileName, number, IsNumber(token)
                ? $"label must be 0 or 1, found '{token}'."
                : $"missing label: a line must start with 0 or 1, then the sentence (found '{Shorten(token)}').");
        }
        var sentence = gap < 0 ? ReadOnlySpan<char>.Empty : text[gap..].Trim();
        if (sentence.IsEmpty) throw new DatasetFormatException(fileName, number, $"empty sentence after label {label}.");
        return new LabelledSentence(sentence.ToString(), label);
    }

    private static LabelledSentence ParseTabSeparated(string line, string fileName, int number)
    {
        var tab = line.LastIndexOf('\t');
        if (tab < 0) throw new DatasetFormatException(fileName, number, "missing label: expected 'sentence<TAB>label' but the line has no TAB.");
        var labelText = line.AsSpan(tab + 1).Trim();
        if (labelText.IsEmpty) throw new DatasetFormatException(fileName, number, "missing label after the TAB.");
        var label = ParseLabel(labelText);
        if (label < 0) throw new DatasetFormatException(fileName, number, $"label must be 0 or 1, found '{Shorten(labelText.ToString())}'.");
        var sentence = line.AsSpan(0, tab).Trim();
        if (sentence.IsEmpty) throw new DatasetFormatException(fileName, number, $"empty sentence before label {label}.");
        return new LabelledSentence(sentence.ToString(), label);
    }

    private static int ParseLabel(ReadOnlySpan<char> token) => token switch
    {
        "0" => 0,
        "1" => 1,
        _ => -1,
    };

    private static bool IsNumber(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Shorten(string token) => token.Length <= 30 ? token : token[..30] + "…";
}

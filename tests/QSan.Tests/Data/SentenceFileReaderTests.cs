using QSan.Data;
using Xunit;

namespace QSan.Tests.Data;

public sealed class SentenceFileReaderTests
{
    [Theory]
    [InlineData("mc_train_data.txt", 70)]
    [InlineData("mc_dev_data.txt", 30)]
    [InlineData("mc_test_data.txt", 30)]
    [InlineData("rp_train_data.txt", 74)]
    [InlineData("rp_test_data.txt", 31)]
    public void Lambeq_files_parse_to_their_documented_line_counts(string file, int lines)
    {
        var sentences = SentenceFileReader.ReadFile(SharedDatasets.PathOf(file), DatasetFormat.LabelFirst);
        Assert.Equal(lines, sentences.Count);
        Assert.All(sentences, s =>
        {
            Assert.InRange(s.Label, 0, 1);
            Assert.Equal(s.Text.Trim(), s.Text);
            Assert.EndsWith(".", s.Text);
        });
    }

    [Fact]
    public void Mc_lines_with_two_spaces_after_the_label_lose_both_spaces()
    {
        var first = SentenceFileReader.ReadFile(SharedDatasets.PathOf("mc_train_data.txt"))[0];
        Assert.Equal(new LabelledSentence("skillful man prepares sauce .", 1), first);
    }

    [Fact]
    public void The_last_rp_line_without_a_newline_is_kept()
    {
        var sentences = SentenceFileReader.ReadFile(SharedDatasets.PathOf("rp_test_data.txt"));
        Assert.Equal(new LabelledSentence("mammal that attack ship .", 0), sentences[^1]);
    }

    [Theory]
    [InlineData("yelp_labelled.txt")]
    [InlineData("imdb_labelled.txt")]
    [InlineData("amazon_cells_labelled.txt")]
    public void Uci_files_keep_all_1000_rows_with_500_per_label_and_no_carriage_returns(string file)
    {
        var sentences = SentenceFileReader.ReadFile(SharedDatasets.PathOf(file));
        Assert.Equal(1000, sentences.Count);
        Assert.Equal(500, sentences.Count(s => s.Label == 1));
        Assert.All(sentences, s => Assert.DoesNotContain('\r', s.Text));
        Assert.All(sentences, s => Assert.DoesNotContain('\t', s.Text));
    }

    [Fact]
    public void Imdb_rows_with_quotes_are_kept_verbatim_even_when_unbalanced()
    {
        // A CSV reader with quoting on turns these 1000 rows into about 750.
        var sentences = SentenceFileReader.ReadFile(SharedDatasets.PathOf("imdb_labelled.txt"));
        Assert.Equal(43, sentences.Count(s => s.Text.Contains('"')));
        Assert.Equal(10, sentences.Count(s => s.Text.Count(c => c == '"') % 2 == 1));
    }

    [Fact]
    public void The_format_is_detected_by_the_presence_of_a_tab()
    {
        Assert.Equal(DatasetFormat.TabSeparated, SentenceFileReader.DetectFormat("good film\t1\r\n"));
        Assert.Equal(DatasetFormat.LabelFirst, SentenceFileReader.DetectFormat("1 good film .\n"));
        using var dir = new TemporaryDirectory();
        var tab = SentenceFileReader.ReadFile(dir.Write("user.tsv", "Great \"film\tthe best\t1\r\nawful\t0\r\n\r\n\r\n"));
        Assert.Equal([new LabelledSentence("Great \"film\tthe best", 1), new LabelledSentence("awful", 0)], tab);
        var labelFirst = SentenceFileReader.ReadFile(dir.Write("user.txt", "0 awful film\n1   great film\n\n"));
        Assert.Equal([new LabelledSentence("awful film", 0), new LabelledSentence("great film", 1)], labelFirst);
    }

    [Fact]
    public void A_lone_carriage_return_is_text_not_a_line_break()
    {
        var sentences = SentenceFileReader.Parse("odd\rline\t1\nnext\t0", "memory.txt");
        Assert.Equal(2, sentences.Count);
        Assert.Equal("odd\rline", sentences[0].Text);
    }

    public static TheoryData<string, string, int, string> BrokenFiles => new()
    {
        { "bad-label.txt", "1 good food .\n0 bad code .\n2 odd line .\n", 3, "label must be 0 or 1, found '2'" },
        { "missing-label.txt", "1 good food .\nskillful man bakes bread .\n", 2, "missing label" },
        { "empty-sentence.txt", "1 good food .\n0   \n1 more food .\n", 2, "empty sentence" },
        { "blank-middle.txt", "1 good food .\n\n0 bad code .\n", 2, "blank line" },
        { "tab-bad-label.tsv", "good\t1\r\nbad\tyes\r\n", 2, "label must be 0 or 1, found 'yes'" },
        { "tab-missing-label.tsv", "good\t1\r\nbad\t \r\n", 2, "missing label" },
        { "tab-no-tab.tsv", "good\t1\r\nbad 0\r\nfine\t1\r\n", 2, "no TAB" },
        { "tab-empty-sentence.tsv", "good\t1\r\nfine\t0\r\n   \t1\r\n", 3, "empty sentence" },
        { "empty.txt", "\n\n", 1, "no labelled sentences" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_files_are_reported_with_their_name_and_line(string fileName, string contents, int line, string problem)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Write(fileName, contents);
        var error = Assert.Throws<DatasetFormatException>(() => SentenceFileReader.ReadFile(path));
        Assert.Equal(path, error.FileName);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{path}:{line}: ", error.Message);
    }
}

using System.Text.Json;
using QSan.Tests.Data;

namespace QSan.Tests.Cli;

public sealed class CliTrainingTests
{
    [Fact]
    public void With_no_arguments_the_command_line_trains_QSANN_on_the_built_in_corpus_into_a_new_run_folder()
    {
        using var folder = new TemporaryDirectory();
        var run = CliRunner.RunIn(useQSharp: false, folder.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("QSANN n = 2, D = 1", run.Output);
        Assert.Contains("epoch 20:", run.Output);
        var created = Assert.Single(Directory.GetDirectories(folder.Path));
        Assert.StartsWith("builtin-qsann-seed1-", Path.GetFileName(created));
        Assert.True(File.Exists(Path.Combine(created, "checkpoint.qsan")));
    }

    [Fact]
    public void Train_with_json_prints_one_object_with_the_scores_the_parameter_count_and_the_folder()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        var run = CliRunner.Run("train", "--epochs", "3", "--json", "--output", dir);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("trainAccuracy").GetDouble(), 0.0, 1.0);
        Assert.Equal(25, root.GetProperty("parameters").GetInt32());
        Assert.True(root.GetProperty("trainSeconds").GetDouble() > 0);
        Assert.Equal(Path.GetFullPath(dir), root.GetProperty("outputDir").GetString());
        Assert.Single(run.Output.Trim().Split('\n'));
    }

    [Fact]
    public void Train_without_json_shows_the_parameter_count_every_epoch_and_the_test_accuracy()
    {
        using var folder = new TemporaryDirectory();
        var run = CliRunner.Run("train", "--epochs", "2", "--output", Path.Combine(folder.Path, "run"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("25 parameters outside the embeddings", run.Output);
        Assert.Contains("epoch 1:", run.Output);
        Assert.Contains("epoch 2:", run.Output);
        Assert.Contains("test accuracy", run.Output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    public void Resuming_from_the_command_line_with_more_epochs_matches_a_longer_run(string positions)
    {
        using var folder = new TemporaryDirectory();
        var four = CliRunner.Run("train", "--epochs", "4", "--positions", positions, "--json", "--output", Path.Combine(folder.Path, "four"));
        var dir = Path.Combine(folder.Path, "two");
        Assert.Equal(0, CliRunner.Run("train", "--epochs", "2", "--positions", positions, "--json", "--output", dir).ExitCode);
        var resumed = CliRunner.Run("train", "--resume", dir, "--epochs", "4", "--json");
        Assert.Equal(0, resumed.ExitCode);
        using var a = JsonDocument.Parse(four.Output);
        using var b = JsonDocument.Parse(resumed.Output);
        foreach (var field in new[] { "testAccuracy", "trainAccuracy", "validationAccuracy", "testLoss", "bestEpoch", "epochsRun" })
            Assert.Equal(a.RootElement.GetProperty(field).GetRawText(), b.RootElement.GetProperty(field).GetRawText());
    }

    [Fact]
    public void Predict_prints_the_probability_and_the_attention_weights_of_a_sentence()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        Assert.Equal(0, CliRunner.Run("train", "--epochs", "3", "--json", "--output", dir).ExitCode);
        var run = CliRunner.Run("predict", "the chef cooks a tasty meal", "--model-dir", dir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("p(label 1) =", run.Output);
        Assert.Contains("attention, layer 1, head 1", run.Output);
        Assert.Contains("a?", run.Output);

        var json = CliRunner.Run("predict", "the chef cooks a tasty meal", "server runs", "--model-dir", dir, "--json");
        using var doc = JsonDocument.Parse(json.Output);
        var sentences = doc.RootElement.GetProperty("sentences");
        Assert.Equal(2, sentences.GetArrayLength());
        var first = sentences[0];
        Assert.InRange(first.GetProperty("probability").GetDouble(), 0.0, 1.0);
        var matrix = first.GetProperty("attention")[0][0];
        Assert.Equal(first.GetProperty("tokens").GetArrayLength(), matrix.GetArrayLength());
        Assert.Equal(1.0, matrix[0].EnumerateArray().Sum(v => v.GetDouble()), 12);
    }

    [Fact]
    public void Predict_rejects_an_empty_sentence()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        Assert.Equal(0, CliRunner.Run("train", "--epochs", "1", "--json", "--output", dir).ExitCode);
        CliRunner.AssertFails(CliRunner.Run("predict", "  ", "--model-dir", dir), "empty");
    }

    [Fact]
    public void Inspect_and_evaluate_describe_a_saved_run()
    {
        using var folder = new TemporaryDirectory();
        var dir = Path.Combine(folder.Path, "run");
        var trained = CliRunner.Run("train", "--epochs", "2", "--json", "--output", dir);
        using var result = JsonDocument.Parse(trained.Output);

        var inspect = CliRunner.Run("inspect", dir, "--json");
        Assert.Equal(0, inspect.ExitCode);
        using var description = JsonDocument.Parse(inspect.Output);
        Assert.Equal(25, description.RootElement.GetProperty("parameters").GetInt32());
        Assert.Equal("finished", description.RootElement.GetProperty("state").GetString());
        Assert.Contains("θ_q", CliRunner.Run("inspect", dir).Output);

        var evaluate = CliRunner.Run("evaluate", dir, "--json");
        Assert.Equal(0, evaluate.ExitCode);
        using var scores = JsonDocument.Parse(evaluate.Output);
        var test = scores.RootElement.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("split").GetString() == "test");
        Assert.Equal(result.RootElement.GetProperty("testAccuracy").GetDouble(), test.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void Training_on_the_users_files_in_both_formats_works()
    {
        using var folder = new TemporaryDirectory();
        var train = folder.Write("train.txt", string.Join('\n', Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? $"1 chef cooks meal {i} ." : $"0 man debugs code {i} .")));
        var test = folder.Write("test.tsv", "woman cooks soup\t1\nwoman debugs program\t0\n");
        var run = CliRunner.Run("train", "--train", train, "--test", test, "--epochs", "2", "--json", "--output", Path.Combine(folder.Path, "run"));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("testSentences").GetInt32());
    }

    [Fact]
    public void With_the_stems_tokenizer_inflections_unseen_in_training_reach_their_stems_embedding()
    {
        using var folder = new TemporaryDirectory();
        var train = folder.Write("train.txt", "1 loved the food .\n0 hated the food .\n1 loved it .\n0 hated it .\n");
        var dir = Path.Combine(folder.Path, "run");
        var trained = CliRunner.Run("train", "--train", train, "--test", train, "--validation-fraction", "0", "--tokenizer", "stems", "--epochs", "1", "--json", "--output", dir);
        Assert.Equal(0, trained.ExitCode);

        var predict = CliRunner.Run("predict", "Loving it", "--model-dir", dir, "--json");
        Assert.Equal(0, predict.ExitCode);
        Assert.Contains("\"love\"", predict.Output);
        Assert.DoesNotContain("<unk>", predict.Output);
    }

    [Fact]
    public void Learned_positions_let_the_model_learn_labels_that_only_word_order_carries()
    {
        // "1 dog cat chases ." / "0 dog chases cat .": every label-1 sentence has a label-0 twin with the same words,
        // so the paper's order-blind model cannot beat 50 %; held-out noun pairs test that the position is what was learned.
        using var folder = new TemporaryDirectory();
        string[] nouns = ["dog", "cat", "bird", "fish", "cow", "fox"];
        var pairs = nouns.SelectMany((a, i) => nouns.Select((b, j) => (a, b, heldOut: (i + 2 * j) % 5 == 0)).Where(p => p.a != p.b)).ToList();
        static string Lines(IEnumerable<(string a, string b, bool heldOut)> ps) =>
            string.Concat(ps.Select(p => $"1 {p.a} {p.b} chases .\n0 {p.a} chases {p.b} .\n"));
        var train = folder.Write("train.txt", Lines(pairs.Where(p => !p.heldOut)));
        var test = folder.Write("test.txt", Lines(pairs.Where(p => p.heldOut)));

        double TestAccuracy(string positions)
        {
            var dir = Path.Combine(folder.Path, "run" + positions);
            var run = CliRunner.Run("train", "--train", train, "--test", test, "--validation-fraction", "0", "--positions", positions,
                "--epochs", "30", "--json", "--output", dir);
            Assert.True(run.ExitCode == 0, run.Error);
            using var json = JsonDocument.Parse(run.Output);
            return json.RootElement.GetProperty("testAccuracy").GetDouble();
        }

        Assert.Equal(0.5, TestAccuracy("0"));
        Assert.Equal(1.0, TestAccuracy("3"));

        var inspect = CliRunner.Run("inspect", Path.Combine(folder.Path, "run3"), "--json");
        using var description = JsonDocument.Parse(inspect.Output);
        Assert.Equal(49 + 3 * 12, description.RootElement.GetProperty("parameters").GetInt32());
        Assert.Equal(49 + 3 * 12, description.RootElement.GetProperty("expectedParameters").GetInt32());
        Assert.Contains("3 learned positions", CliRunner.Run("inspect", Path.Combine(folder.Path, "run3")).Output);
        Assert.Contains("p(label 1) =", CliRunner.Run("predict", "fox dog chases", "--model-dir", Path.Combine(folder.Path, "run3")).Output);
    }

    [Fact]
    public void Negation_marking_lets_the_model_learn_labels_that_only_the_scope_of_a_negation_carries()
    {
        // "1 the food was good , not bad ." / "0 the food was bad , not good .": twins with the same words, so without
        // negation marking every prediction is shared by a right and a wrong label (50 % exactly); held-out adjective
        // pairs test that "good" and "not_bad" were learned as positive, not the pairs themselves.
        using var folder = new TemporaryDirectory();
        string[] positive = ["good", "great", "fine", "nice"], negative = ["bad", "awful", "poor", "bland"];
        var pairs = positive.SelectMany((p, i) => negative.Select((n, j) => (p, n, heldOut: (i + j) % 4 == 0))).ToList();
        static string Lines(IEnumerable<(string p, string n, bool heldOut)> ps) =>
            string.Concat(ps.Select(x => $"1 the food was {x.p} , not {x.n} .\n0 the food was {x.n} , not {x.p} .\n"));
        var train = folder.Write("train.txt", Lines(pairs.Where(x => !x.heldOut)));
        var test = folder.Write("test.txt", Lines(pairs.Where(x => x.heldOut)));

        double TestAccuracy(params string[] negation)
        {
            var dir = Path.Combine(folder.Path, "run" + negation.Length);
            var run = CliRunner.Run(["train", "--train", train, "--test", test, "--validation-fraction", "0", "--epochs", "30", "--json", "--output", dir, .. negation]);
            Assert.True(run.ExitCode == 0, run.Error);
            using var json = JsonDocument.Parse(run.Output);
            return json.RootElement.GetProperty("testAccuracy").GetDouble();
        }

        Assert.Equal(0.5, TestAccuracy());
        Assert.Equal(1.0, TestAccuracy("--negation"));

        var saved = Path.Combine(folder.Path, "run1");
        Assert.Contains("negation marked", CliRunner.Run("inspect", saved).Output);
        var predict = CliRunner.Run("predict", "the food was not good", "--model-dir", saved, "--json");
        Assert.Equal(0, predict.ExitCode);
        Assert.Contains("\"not_good\"", predict.Output);
    }
}

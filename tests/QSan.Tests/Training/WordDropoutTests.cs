using QSan.Tests.Data;
using QSan.Training;

namespace QSan.Tests.Training;

public sealed class WordDropoutTests
{
    [Fact]
    public void Word_dropout_keeps_tokens_in_order_within_their_sentence_and_leaves_every_sentence_at_least_one()
    {
        int[] ids = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        int[] offsets = [0, 1, 4, 9];
        var (kept, keptOffsets) = WordDropout.Apply(ids, offsets, 0.9, new TrainingRandom(7));
        Assert.Equal(offsets.Length, keptOffsets.Length);
        for (var s = 0; s + 1 < offsets.Length; s++)
        {
            var sentence = kept[keptOffsets[s]..keptOffsets[s + 1]];
            Assert.NotEmpty(sentence);
            var original = ids[offsets[s]..offsets[s + 1]];
            Assert.All(sentence, id => Assert.Contains(id, original));
            Assert.Equal(sentence.Order(), sentence);
        }
    }

    [Fact]
    public void Word_dropout_drops_about_the_given_share_of_tokens()
    {
        var ids = Enumerable.Range(0, 20_000).ToArray();
        int[] offsets = [0, 10_000, 20_000];
        var (kept, _) = WordDropout.Apply(ids, offsets, 0.3, new TrainingRandom(1));
        Assert.InRange(kept.Length, 13_700, 14_300);
    }

    [Fact]
    public void Zero_word_dropout_keeps_every_token()
    {
        int[] ids = [4, 5, 6];
        int[] offsets = [0, 2, 3];
        var (kept, keptOffsets) = WordDropout.Apply(ids, offsets, 0.0, new TrainingRandom(1));
        Assert.Equal(ids, kept);
        Assert.Equal(offsets, keptOffsets);
    }

    [Fact]
    public async Task A_run_with_word_dropout_resumed_after_an_interruption_ends_bit_for_bit_like_an_uninterrupted_run()
    {
        using var folder = new TemporaryDirectory();
        var options = TrainingFixtures.Builtin(epochs: 4) with { WordDropout = 0.3 };
        var straight = Path.Combine(folder.Path, "straight");
        var interrupted = Path.Combine(folder.Path, "interrupted");
        await TrainingFixtures.TrainAsync(options, straight);
        using (var crash = new CancellationTokenSource())
        {
            var state = await TrainingFixtures.StartAsync(options, interrupted);
            Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(state, new TrainingFixtures.StopAfter(2, crash), crash.Token));
        }
        TrainingLoop.Run(await TrainingRunState.ResumeAsync(interrupted, null, new TemplateCircuitSource()));
        TrainingFixtures.AssertSameTraining(
            CheckpointFile.Read(RunFolder.CheckpointPath(straight)),
            CheckpointFile.Read(RunFolder.CheckpointPath(interrupted)));
    }

    [Fact]
    public async Task Word_dropout_changes_the_training_but_not_the_scoring_of_whole_sentences()
    {
        using var folder = new TemporaryDirectory();
        var plain = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 3), Path.Combine(folder.Path, "plain"));
        var dropped = await TrainingFixtures.TrainAsync(TrainingFixtures.Builtin(epochs: 3) with { WordDropout = 0.5 }, Path.Combine(folder.Path, "dropped"));
        Assert.NotEqual(plain.TestLoss, dropped.TestLoss);
        Assert.Equal(plain.TestSentences, dropped.TestSentences);
    }
}

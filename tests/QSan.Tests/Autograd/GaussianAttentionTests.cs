using QSan.Autograd;
using Xunit;

namespace QSan.Tests.Autograd;

public sealed class GaussianAttentionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(7, 2)]
    public void Gradients_for_one_sentence_match_finite_differences(int tokens, int d)
    {
        var random = new Random(tokens * 10 + d);
        int[] offsets = [0, tokens];
        GradCheck.Check(
            v => Functional.GaussianAttention(v[0], v[1], v[2], offsets),
            [GradCheck.Param(random, tokens), GradCheck.Param(random, tokens), GradCheck.Param(random, tokens, d)]);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    public void Gradients_for_a_ragged_batch_match_finite_differences(int seed)
    {
        var random = new Random(seed);
        var sentences = random.Next(1, 5);
        var offsets = new int[sentences + 1];
        for (var b = 0; b < sentences; b++) offsets[b + 1] = offsets[b] + random.Next(0, 5);
        var tokens = offsets[^1];
        var d = random.Next(1, 4);
        GradCheck.Check(
            v => Functional.GaussianAttention(v[0], v[1], v[2], offsets),
            [GradCheck.Param(random, tokens, 1), GradCheck.Param(random, tokens, 1), GradCheck.Param(random, tokens, d)]);
    }

    [Fact]
    public void A_large_batch_split_between_two_threads_gives_each_sentence_its_own_numbers_bit_for_bit()
    {
        // 24 sentences of 3–20 tokens: enough token pairs that the kernel halves the batch between two threads (ChunkTeam).
        var random = new Random(27);
        var offsets = new int[25];
        for (var b = 0; b < 24; b++) offsets[b + 1] = offsets[b] + random.Next(3, 21);
        var tokens = offsets[^1];
        const int d = 12;
        var q = Tensor.Normal([tokens], 0, 1, random, requiresGrad: true);
        var k = Tensor.Normal([tokens], 0, 1, random, requiresGrad: true);
        var v = Tensor.Normal([tokens, d], 0, 1, random, requiresGrad: true);
        var upstream = Tensor.Normal([tokens, d], 0, 1, random);
        var output = Functional.GaussianAttention(q, k, v, offsets);
        (output * upstream).Sum().Backward();

        for (var b = 0; b < 24; b++)
        {
            var (start, n) = (offsets[b], offsets[b + 1] - offsets[b]);
            var qs = new Tensor(q.Data[start..(start + n)], [n], requiresGrad: true);
            var ks = new Tensor(k.Data[start..(start + n)], [n], requiresGrad: true);
            var vs = new Tensor(v.Data[(start * d)..((start + n) * d)], [n, d], requiresGrad: true);
            var alone = Functional.GaussianAttention(qs, ks, vs, [0, n]);
            (alone * new Tensor(upstream.Data[(start * d)..((start + n) * d)], [n, d])).Sum().Backward();
            Assert.Equal(alone.Data, output.Data[(start * d)..((start + n) * d)]);
            Assert.Equal(qs.Grad!, q.Grad![start..(start + n)]);
            Assert.Equal(ks.Grad!, k.Grad![start..(start + n)]);
            Assert.Equal(vs.Grad!, v.Grad![(start * d)..((start + n) * d)]);
        }
    }

    [Fact]
    public void Gradients_are_right_when_queries_and_keys_are_the_same_tensor()
    {
        var random = new Random(25);
        int[] offsets = [0, 3, 5];
        GradCheck.Check(v => Functional.GaussianAttention(v[0], v[0], v[1], offsets), [GradCheck.Param(random, 5), GradCheck.Param(random, 5, 2)]);
    }

    [Fact]
    public void Output_equals_the_normalised_gaussian_weights_applied_to_the_values()
    {
        var random = new Random(26);
        int[] offsets = [0, 2, 5];
        var q = Tensor.Normal([5], 0, 1, random);
        var k = Tensor.Normal([5], 0, 1, random);
        var v = Tensor.Normal([5, 3], 0, 1, random);
        var output = Functional.GaussianAttention(q, k, v, offsets);
        for (var b = 0; b < 2; b++)
        {
            for (var s = offsets[b]; s < offsets[b + 1]; s++)
            {
                var total = 0.0;
                for (var j = offsets[b]; j < offsets[b + 1]; j++) total += Math.Exp(-Math.Pow(q.Data[s] - k.Data[j], 2));
                for (var c = 0; c < 3; c++)
                {
                    var expected = 0.0;
                    for (var j = offsets[b]; j < offsets[b + 1]; j++)
                        expected += Math.Exp(-Math.Pow(q.Data[s] - k.Data[j], 2)) / total * v.Data[j * 3 + c];
                    Assert.Equal(expected, output.Data[s * 3 + c], 12);
                }
            }
        }
    }

    [Fact]
    public void Changing_a_token_of_one_sentence_leaves_the_other_sentences_untouched()
    {
        var random = new Random(27);
        int[] offsets = [0, 3, 7, 9];
        var q = Tensor.Normal([9], 0, 1, random);
        var k = Tensor.Normal([9], 0, 1, random);
        var v = Tensor.Normal([9, 2], 0, 1, random);
        var before = Functional.GaussianAttention(q, k, v, offsets);

        // Token 4 belongs to sentence 1 (tokens 3..6).
        q.Data[4] += 1.3;
        k.Data[4] -= 0.7;
        v.Data[4 * 2] += 2.0;
        var after = Functional.GaussianAttention(q, k, v, offsets);

        for (var s = 0; s < 9; s++)
        {
            var inSentence1 = s is >= 3 and < 7;
            for (var c = 0; c < 2; c++)
            {
                if (inSentence1) Assert.NotEqual(before.Data[s * 2 + c], after.Data[s * 2 + c]);
                else Assert.Equal(before.Data[s * 2 + c], after.Data[s * 2 + c]);
            }
        }
    }

    [Fact]
    public void A_loss_on_one_sentence_sends_no_gradient_to_another()
    {
        var random = new Random(28);
        int[] offsets = [0, 3, 6];
        var q = GradCheck.Param(random, 6);
        var k = GradCheck.Param(random, 6);
        var v = GradCheck.Param(random, 6, 2);
        Functional.GaussianAttention(q, k, v, offsets).Narrow(0, 0, 3).Square().Sum().Backward();
        for (var s = 3; s < 6; s++)
        {
            Assert.Equal(0.0, q.Grad![s]);
            Assert.Equal(0.0, k.Grad![s]);
            Assert.Equal(0.0, v.Grad![s * 2]);
        }
        Assert.Contains(q.Grad!.Take(3), g => g != 0.0);
    }

    [Fact]
    public void Far_apart_queries_and_keys_still_give_finite_weights()
    {
        var q = Tensor.FromArray([100.0, -100.0]);
        var k = Tensor.FromArray([-100.0, 100.0]);
        var v = Tensor.FromArray([1.0, 2.0], [2, 1]);
        var output = Functional.GaussianAttention(q, k, v, [0, 2]);
        // q₀ is nearest to k₁ and q₁ to k₀, by a margin that underflows exp() without the max shift.
        Assert.Equal([2.0, 1.0], output.Data);
    }

    [Fact]
    public void Offsets_that_do_not_cover_the_tokens_are_rejected()
    {
        var q = Tensor.Zeros([4]);
        var v = Tensor.Zeros([4, 2]);
        Assert.Throws<ArgumentException>(() => Functional.GaussianAttention(q, q, v, [0, 3]));
        Assert.Throws<ArgumentException>(() => Functional.GaussianAttention(q, q, v, [0, 3, 2, 4]));
        Assert.Throws<ArgumentException>(() => Functional.GaussianAttention(Tensor.Zeros([3]), q, v, [0, 4]));
    }

    [Theory]
    [InlineData(31, true)]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void Packed_rows_give_the_gathered_columns_result_and_gradients_bit_for_bit(int seed, bool shareRows)
    {
        var random = new Random(seed);
        int[] offsets = [0, 4, 5, 9];
        const int d = 3;
        var tokens = offsets[^1];
        // Words that occur several times read one row, as QSANN's layer 0 does.
        int[]? rows = shareRows ? [0, 2, 1, 2, 3, 0, 4, 4, 1] : null;
        var count = shareRows ? 5 : tokens;
        var packed = GradCheck.Param(random, count, 2 + d);
        var reference = new Tensor((double[])packed.Data.Clone(), [count, 2 + d], requiresGrad: true);
        var upstream = Tensor.Normal([tokens, d], 0, 1, random);

        var output = Functional.GaussianAttention(packed, rows, offsets);
        (output * upstream).Sum().Backward();

        var gathered = rows is null ? reference : reference.IndexSelect(rows);
        var expected = Functional.GaussianAttention(gathered.Narrow(1, 0, 1), gathered.Narrow(1, 1, 1), gathered.Narrow(1, 2, d), offsets);
        (expected * upstream).Sum().Backward();

        Assert.Equal(expected.Data, output.Data);
        Assert.Equal(reference.Grad, packed.Grad);
        Assert.Contains(packed.Grad!, g => g != 0.0);
    }

    [Fact]
    public void Gradients_of_packed_rows_match_finite_differences()
    {
        var random = new Random(34);
        int[] offsets = [0, 3, 7];
        int[] rows = [2, 0, 2, 1, 3, 1, 0];
        GradCheck.Check(v => Functional.GaussianAttention(v[0], rows, offsets), [GradCheck.Param(random, 4, 4)]);
    }

    [Fact]
    public void Packed_rows_outside_the_tensor_or_too_narrow_are_rejected()
    {
        var packed = Tensor.Zeros([3, 4]);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.GaussianAttention(packed, [0, 3], [0, 2]));
        Assert.Contains("token 1 reads row 3", outside.Message);
        Assert.Throws<ArgumentException>(() => Functional.GaussianAttention(Tensor.Zeros([3, 2]), null, [0, 3]));
        Assert.Throws<ArgumentException>(() => Functional.GaussianAttention(packed, null, [0, 2]));
    }
}

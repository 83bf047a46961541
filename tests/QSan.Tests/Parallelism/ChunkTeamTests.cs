using QSan.Parallelism;
using Xunit;

namespace QSan.Tests.Parallelism;

public sealed class ChunkTeamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    public void Every_chunk_runs_exactly_once(int chunks)
    {
        for (var repeat = 0; repeat < 200; repeat++)
        {
            var runs = new int[chunks];
            ChunkTeam.Run(chunks, k => Interlocked.Increment(ref runs[k]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 10)]
    [InlineData(10, 10)]
    public void Halves_cover_the_range_once_split_at_the_middle_given(int middle, int end)
    {
        var ranges = new System.Collections.Concurrent.ConcurrentBag<(int Start, int End)>();
        ChunkTeam.RunHalves(middle, end, (start, stop) => ranges.Add((start, stop)));
        Assert.Equal([(0, middle), (middle, end)], ranges.OrderBy(r => r.Start).ThenBy(r => r.End));
    }

    [Fact]
    public void With_a_second_processor_two_chunks_run_at_the_same_time()
    {
        // Chunk 0 waits for chunk 1 and chunk 1 for chunk 0: only two threads at once get both done. A second caller
        // meanwhile (another test) gets the calling thread alone, so try a few times.
        var together = false;
        for (var attempt = 0; attempt < 20 && !together; attempt++)
        {
            using var first = new ManualResetEventSlim();
            using var second = new ManualResetEventSlim();
            var met = new bool[2];
            ChunkTeam.Run(2, k =>
            {
                (k == 0 ? first : second).Set();
                met[k] = (k == 0 ? second : first).Wait(TimeSpan.FromSeconds(2));
            });
            together = met[0] && met[1];
        }
        Assert.Equal(ChunkTeam.HasHelper, together);
    }

    [Fact]
    public void A_failing_chunk_is_reported_after_every_other_chunk_ran()
    {
        var runs = new int[8];
        var error = Assert.Throws<AggregateException>(() => ChunkTeam.Run(8, k =>
        {
            Interlocked.Increment(ref runs[k]);
            if (k == 3) throw new InvalidOperationException("chunk 3");
        }));
        Assert.Equal("chunk 3", Assert.Single(error.InnerExceptions).Message);
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Callers_on_several_threads_each_get_all_their_chunks()
    {
        // One caller at a time has the helper; the others run their chunks themselves.
        var totals = new long[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, caller =>
        {
            for (var repeat = 0; repeat < 500; repeat++)
            {
                var sums = new long[4];
                ChunkTeam.Run(4, k => sums[k] = k + 1);
                totals[caller] += sums.Sum();
            }
        });
        Assert.All(totals, t => Assert.Equal(500 * 10, t));
    }
}

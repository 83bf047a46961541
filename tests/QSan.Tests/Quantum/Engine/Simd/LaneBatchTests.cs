using QSan.Quantum.Engine.Native;
using QSan.Quantum.Engine.Simd;
using Xunit;

namespace QSan.Tests.Quantum.Engine.Simd;

public sealed class LaneBatchTests
{
    [Theory]
    [InlineData(1, 1L << 30, 1)]
    [InlineData(15, 40_320, 2)]        // a Yelp minibatch: 120 circuits of QSANN's 4-qubit attention circuit, 8 lanes a block
    [InlineData(15, 16_383, 1)]        // less than two chunks' worth of work
    [InlineData(125, 336_000, 16)]     // a validation pass: 1,000 circuits
    [InlineData(3, 1L << 30, 2)]       // never more chunks than blocks
    [InlineData(10_000, 1L << 40, 64)] // nor more than 64
    public void Chunks_are_a_power_of_two_set_by_the_blocks_and_the_work(int blocks, long work, int expected)
    {
        var batch = new LaneBatch<Workspace>(LaneWidth.Vector512, parallelism: 1, chunkWork: 1 << 14, poolWork: 1 << 20);
        Assert.Equal(expected, batch.Chunks(blocks, work));
        // The same on a machine with many processors: the threads never decide how a call is cut.
        Assert.Equal(expected, new LaneBatch<Workspace>(LaneWidth.Vector512, parallelism: 64, chunkWork: 1 << 14, poolWork: 1 << 20).Chunks(blocks, work));
    }
}

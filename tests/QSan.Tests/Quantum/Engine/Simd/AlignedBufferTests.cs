using System.Runtime.CompilerServices;
using QSan.Quantum.Engine.Simd;
using Xunit;

namespace QSan.Tests.Quantum.Engine.Simd;

public sealed class AlignedBufferTests
{
    [Fact]
    public unsafe void Every_buffer_starts_on_a_cache_line_zeroed_and_keeps_its_address_through_a_compacting_collection()
    {
        // Many sizes, so the allocator's placements cover every residue a plain array could start at.
        var buffers = Enumerable.Range(0, 200).Select(i => new AlignedBuffer(1 + i * 3)).ToList();
        var starts = buffers.Select(b => (nint)Unsafe.AsPointer(ref b[0])).ToList();
        for (var i = 0; i < buffers.Count; i++)
        {
            Assert.Equal(0, starts[i] % 64);
            Assert.All(buffers[i].AsSpan().ToArray(), x => Assert.Equal(0.0, x));
            Assert.Equal(1 + i * 3, buffers[i].AsSpan().Length);
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal(starts, buffers.Select(b => (nint)Unsafe.AsPointer(ref b[0])));
    }

    [Fact]
    public void Indexer_spans_clear_and_grow_agree()
    {
        var buffer = new AlignedBuffer(10);
        buffer[3] = 1.5;
        buffer.AsSpan(4, 2).Fill(2);
        Assert.Equal([0, 0, 0, 1.5, 2, 2, 0, 0, 0, 0], buffer.AsSpan().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsSpan(8, 3));

        var grown = buffer;
        AlignedBuffer.Grow(ref grown, 10);
        Assert.Same(buffer, grown);
        AlignedBuffer.Grow(ref grown, 11);
        Assert.NotSame(buffer, grown);
        Assert.Equal(11, grown.Length);
        grown[10] = 4;
        grown.Clear();
        Assert.All(grown.AsSpan().ToArray(), x => Assert.Equal(0.0, x));
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace QSan.Quantum.Engine.Native;

/// <summary>
/// The physical amplitude indices an operation touches: pairs (logical bit q = 0, = 1) for single-qubit work, or
/// single indices (both logical bits set) for CZ. Small registers keep the full list; large ones expand it a
/// chunk at a time so that a 20-qubit program does not hold megabytes of indices per gate.
/// </summary>
internal sealed class IndexSet
{
    /// <summary>Registers up to this size keep explicit lists (16 KiB per single-qubit operation at most).</summary>
    public const int ExplicitLimit = 1 << 12;

    /// <summary>Physical indices scanned per expanded chunk; a chunk buffer needs twice this many ints.</summary>
    public const int ScanChunk = 1 << 12;

    private readonly int[]? all;
    private readonly int dimension;
    private readonly int maskA;
    private readonly int maskB;
    private readonly bool pairs;

    private IndexSet(int dimension, int maskA, int maskB, bool pairs)
    {
        this.dimension = dimension;
        this.maskA = maskA;
        this.maskB = maskB;
        this.pairs = pairs;
        if (dimension <= ExplicitLimit)
        {
            var buffer = new int[2 * dimension];
            all = buffer[..Fill(0, dimension, buffer)];
        }
    }

    /// <summary>Pairs (j, j ^ column) for every physical j whose logical bit (parity with row) is 0.</summary>
    public static IndexSet Pairs(int dimension, int row, int column) => new(dimension, row, column, pairs: true);

    /// <summary>Indices whose logical bits given by both rows are 1.</summary>
    public static IndexSet Both(int dimension, int rowA, int rowB) => new(dimension, rowA, rowB, pairs: false);

    /// <summary>Enumerates the indices in chunks; <paramref name="buffer"/> needs 2·<see cref="ScanChunk"/> ints.</summary>
    public ChunkEnumerator Chunks(Span<int> buffer) => new(this, buffer);

    private int Fill(int start, int end, Span<int> destination)
    {
        var k = 0;
        for (var j = start; j < end; j++)
        {
            if (pairs)
            {
                if ((BitOperations.PopCount((uint)(j & maskA)) & 1) != 0) continue;
                destination[k++] = j;
                destination[k++] = j ^ maskB;
            }
            else if ((BitOperations.PopCount((uint)(j & maskA)) & BitOperations.PopCount((uint)(j & maskB)) & 1) != 0)
            {
                destination[k++] = j;
            }
        }
        return k;
    }

    /// <summary>Yields the explicit list once, or successive expanded chunks.</summary>
    public ref struct ChunkEnumerator
    {
        private readonly IndexSet set;
        private readonly Span<int> buffer;
        private int next;

        public ChunkEnumerator(IndexSet set, Span<int> buffer)
        {
            this.set = set;
            this.buffer = buffer;
            next = 0;
            Current = default;
        }

        public ReadOnlySpan<int> Current { get; private set; }

        public readonly ChunkEnumerator GetEnumerator() => this;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext()
        {
            if (set.all is not { } list) return Expand();
            if (next > 0) return false;
            next = 1;
            Current = list;
            return true;
        }

        private bool Expand()
        {
            while (next < set.dimension)
            {
                var end = Math.Min(set.dimension, next + ScanChunk);
                var count = set.Fill(next, end, buffer);
                next = end;
                if (count == 0) continue;
                Current = buffer[..count];
                return true;
            }
            return false;
        }
    }
}

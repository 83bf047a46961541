using System.Collections.Concurrent;
using QSan.Parallelism;

namespace QSan.Quantum.Engine.Simd;

/// <summary>Runs blocks of circuits, one circuit per lane, for one chunk of a batch on one thread.</summary>
internal interface IBlockRunner
{
    /// <summary>Runs rows <paramref name="firstRow"/> .. + <paramref name="valid"/>; padding lanes have zero inputs and cotangents.</summary>
    void Run(int firstRow, int valid, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents, Span<double> expectations, Span<double> inputGradients);

    /// <summary>Writes the weight gradients of every block this runner ran, summed over lanes and blocks.</summary>
    void SumWeightGradients(Span<double> destination);
}

/// <summary>One engine call as <see cref="LaneBatch{TWorkspace}"/> runs it: its size, and the engine's block runner.</summary>
/// <typeparam name="TWorkspace">The engine's per-thread buffers.</typeparam>
/// <param name="Batch">Circuits in the call (at least 1).</param>
/// <param name="WeightCount">Weights of the circuit, the length of a chunk's weight gradients.</param>
/// <param name="Gradients">Whether the call computes gradients.</param>
/// <param name="StateLength">Amplitudes or coefficients of one circuit's state: sets how many lanes a block holds.</param>
/// <param name="WorkPerCircuit">Work of one circuit, in the unit of the engine's chunk and pool thresholds.</param>
internal abstract record LaneCall<TWorkspace>(int Batch, int WeightCount, bool Gradients, int StateLength, long WorkPerCircuit)
{
    /// <summary>A runner for blocks of <paramref name="lanes"/> circuits on <paramref name="workspace"/>.</summary>
    public abstract IBlockRunner CreateRunner<T>(TWorkspace workspace, int lanes) where T : struct, ILanes<T>;

    /// <summary>Whether <paramref name="workspace"/> goes back to the pool after the chunk (very large ones are let go).</summary>
    public abstract bool KeepsWorkspace(TWorkspace workspace);
}

/// <summary>
/// The batch skeleton both lane engines share. A call's circuits are cut into blocks, one circuit per SIMD lane (the
/// vector width chosen from the batch size); the blocks are cut into chunks (<see cref="Chunks"/>), which run on a
/// workspace from a pool each, one block after another, on whichever thread is free; the chunks' weight gradients are
/// added in chunk order, so results depend neither on thread timing nor on the number of threads.
/// </summary>
/// <param name="widest">The widest vectors the hardware runs (<see cref="LaneWidths.WidestSupported"/>).</param>
/// <param name="parallelism">Threads a batch may use (1: the calling thread only).</param>
/// <param name="chunkWork">The least work (<see cref="LaneCall{T}.WorkPerCircuit"/> × circuits) worth a chunk of its own.</param>
/// <param name="poolWork">
/// Work from which a call's chunks go to the thread pool, on every processor; below it, to the calling thread and
/// <see cref="ChunkTeam"/>'s helper (waking pool threads would cost about what they save).
/// </param>
/// <param name="wideStateLimit">Above this state length a circuit is simulated one at a time: several lanes of a large state would not stay in cache.</param>
internal sealed class LaneBatch<TWorkspace>(LaneWidth widest, int parallelism, long chunkWork, long poolWork, int wideStateLimit = int.MaxValue)
    where TWorkspace : class, new()
{
    // Enough chunks to share a large call among many processors.
    private const int MaxChunks = 64;

    private readonly ConcurrentBag<TWorkspace> workspaces = [];

    /// <summary>Small batches use narrower vectors rather than padding one circuit out to eight lanes.</summary>
    public LaneWidth Width(int stateLength, int batch) =>
        stateLength > wideStateLimit ? LaneWidth.Scalar : (LaneWidth)Math.Min((int)widest, batch >= 8 ? 8 : batch >= 4 ? 4 : 1);

    /// <summary>Lanes per block: a few vectors for tiny registers (amortises per-op overhead), one for larger ones.</summary>
    public int Lanes(int stateLength, int batch)
    {
        var width = (int)Width(stateLength, batch);
        var vectors = Math.Max(1, 64 / (stateLength * width));
        vectors = Math.Min(vectors, Math.Max(1, (batch + width - 1) / width));
        return vectors * width;
    }

    /// <summary>
    /// How many chunks a call of <paramref name="blocks"/> blocks and <paramref name="work"/> work is cut into: a power of
    /// two, so they share evenly among two or four threads. It follows from the call alone, not from the processors, so a
    /// call gives the same numbers bit for bit whatever the machine's thread count (the chunks' weight gradients are
    /// added in chunk order).
    /// </summary>
    public int Chunks(int blocks, long work)
    {
        var limit = Math.Min(Math.Min(MaxChunks, blocks), work / Math.Max(1, chunkWork));
        var chunks = 1;
        while (chunks * 2 <= limit) chunks *= 2;
        return chunks;
    }

    /// <summary>Runs every circuit of <paramref name="call"/>; weight gradients are added into <paramref name="weightGradients"/>.</summary>
    public void Run(LaneCall<TWorkspace> call, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents,
        Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
    {
        switch (Width(call.StateLength, call.Batch))
        {
            case LaneWidth.Vector512: Run<Lanes512>(call, inputs, cotangents, expectations, inputGradients, weightGradients); break;
            case LaneWidth.Vector256: Run<Lanes256>(call, inputs, cotangents, expectations, inputGradients, weightGradients); break;
            default: Run<Lanes1>(call, inputs, cotangents, expectations, inputGradients, weightGradients); break;
        }
    }

    private unsafe void Run<T>(LaneCall<TWorkspace> call, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents,
        Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
        where T : struct, ILanes<T>
    {
        var lanes = Lanes(call.StateLength, call.Batch);
        var blocks = (call.Batch + lanes - 1) / lanes;
        var work = call.Batch * call.WorkPerCircuit;
        var chunks = Chunks(blocks, work);
        if (chunks == 1)
        {
            RunChunk<T>(call, lanes, 0, blocks, inputs, cotangents, expectations, inputGradients, weightGradients);
            return;
        }
        var weightCount = call.WeightCount;
        var partial = new double[chunks * weightCount];
        // Threads cannot capture spans; the caller's memory stays pinned until every chunk has finished.
        fixed (double* pInputs = inputs, pCotangents = cotangents, pExpectations = expectations, pInputGradients = inputGradients)
        {
            var (ai, ac, ae, ag) = ((nint)pInputs, (nint)pCotangents, (nint)pExpectations, (nint)pInputGradients);
            var (li, lc, le, lg) = (inputs.Length, cotangents.Length, expectations.Length, inputGradients.Length);
            void Chunk(int k)
            {
                var first = (int)((long)blocks * k / chunks);
                var end = (int)((long)blocks * (k + 1) / chunks);
                RunChunk<T>(call, lanes, first, end, new ReadOnlySpan<double>((void*)ai, li), new ReadOnlySpan<double>((void*)ac, lc),
                    new Span<double>((void*)ae, le), new Span<double>((void*)ag, lg),
                    call.Gradients ? partial.AsSpan(k * weightCount, weightCount) : default);
            }
            if (parallelism == 1)
                for (var k = 0; k < chunks; k++) Chunk(k);
            else if (work < poolWork)
                ChunkTeam.Run(chunks, Chunk);
            else
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, Chunk);
        }
        if (!call.Gradients) return;
        for (var k = 0; k < chunks; k++)
            for (var s = 0; s < weightCount; s++)
                weightGradients[s] += partial[k * weightCount + s];
    }

    /// <summary>Blocks <paramref name="firstBlock"/> .. <paramref name="endBlock"/> − 1 on one thread; their weight gradients go to <paramref name="weightGradients"/>.</summary>
    private void RunChunk<T>(LaneCall<TWorkspace> call, int lanes, int firstBlock, int endBlock, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents,
        Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients)
        where T : struct, ILanes<T>
    {
        if (!workspaces.TryTake(out var ws)) ws = new TWorkspace();
        try
        {
            var runner = call.CreateRunner<T>(ws, lanes);
            for (var block = firstBlock; block < endBlock; block++)
            {
                var row = block * lanes;
                runner.Run(row, Math.Min(lanes, call.Batch - row), inputs, cotangents, expectations, inputGradients);
            }
            if (call.Gradients) runner.SumWeightGradients(weightGradients);
        }
        finally
        {
            if (call.KeepsWorkspace(ws)) workspaces.Add(ws);
        }
    }
}

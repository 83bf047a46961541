using System.Collections.Concurrent;

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
/// <param name="WorkPerCircuit">Work of one circuit, in the unit of the engine's <c>parallelWork</c> threshold.</param>
internal abstract record LaneCall<TWorkspace>(int Batch, int WeightCount, bool Gradients, int StateLength, long WorkPerCircuit)
{
    /// <summary>A runner for blocks of <paramref name="lanes"/> circuits on <paramref name="workspace"/>.</summary>
    public abstract IBlockRunner CreateRunner<T>(TWorkspace workspace, int lanes) where T : struct, ILanes<T>;

    /// <summary>Whether <paramref name="workspace"/> goes back to the pool after the chunk (very large ones are let go).</summary>
    public abstract bool KeepsWorkspace(TWorkspace workspace);
}

/// <summary>
/// The batch skeleton both lane engines share. A call's circuits are cut into blocks, one circuit per SIMD lane (the
/// vector width chosen from the batch size); the blocks are split into chunks over threads; each chunk runs its blocks one
/// after another on a workspace from a pool, and the chunks' weight gradients are added in chunk order, so results do not
/// depend on thread timing.
/// </summary>
/// <param name="widest">The widest vectors the hardware runs (<see cref="LaneWidths.WidestSupported"/>).</param>
/// <param name="parallelism">Threads a large batch is split over.</param>
/// <param name="parallelWork">Below this much work per call (<see cref="LaneCall{T}.WorkPerCircuit"/> × batch) a second thread costs more than it saves.</param>
/// <param name="wideStateLimit">Above this state length a circuit is simulated one at a time: several lanes of a large state would not stay in cache.</param>
internal sealed class LaneBatch<TWorkspace>(LaneWidth widest, int parallelism, long parallelWork, int wideStateLimit = int.MaxValue)
    where TWorkspace : class, new()
{
    private const int ChunksPerThread = 4;

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
        var threads = (int)Math.Min(Math.Min(parallelism, blocks), Math.Max(1, call.Batch * call.WorkPerCircuit / parallelWork));
        if (threads <= 1)
        {
            RunChunk<T>(call, lanes, 0, blocks, inputs, cotangents, expectations, inputGradients, weightGradients);
            return;
        }
        // Several chunks per thread, so a thread slowed down by other work on the machine hands chunks to the rest.
        var chunks = Math.Min(blocks, ChunksPerThread * threads);
        var weightCount = call.WeightCount;
        var partial = new double[chunks * weightCount];
        // Parallel.For cannot capture spans; the caller's memory stays pinned until every chunk has finished.
        fixed (double* pInputs = inputs, pCotangents = cotangents, pExpectations = expectations, pInputGradients = inputGradients)
        {
            var (ai, ac, ae, ag) = ((nint)pInputs, (nint)pCotangents, (nint)pExpectations, (nint)pInputGradients);
            var (li, lc, le, lg) = (inputs.Length, cotangents.Length, expectations.Length, inputGradients.Length);
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
            {
                var first = (int)((long)blocks * k / chunks);
                var end = (int)((long)blocks * (k + 1) / chunks);
                RunChunk<T>(call, lanes, first, end, new ReadOnlySpan<double>((void*)ai, li), new ReadOnlySpan<double>((void*)ac, lc),
                    new Span<double>((void*)ae, le), new Span<double>((void*)ag, lg),
                    call.Gradients ? partial.AsSpan(k * weightCount, weightCount) : default);
            });
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

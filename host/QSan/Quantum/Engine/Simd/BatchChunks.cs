namespace QSan.Quantum.Engine.Simd;

/// <summary>One chunk of blocks of a batch: blocks <c>firstBlock</c> .. <c>endBlock</c> − 1, its weight gradients written to <c>weightGradients</c>.</summary>
internal delegate void ChunkBody(int firstBlock, int endBlock, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents,
    Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients);

/// <summary>Splits a batch's blocks over threads for the lane engines (state-vector and density-matrix alike).</summary>
internal static class BatchChunks
{
    private const int ChunksPerThread = 4;

    /// <summary>
    /// Runs <paramref name="body"/> over all <paramref name="blocks"/> on up to <paramref name="threads"/> threads; weight gradients of the
    /// chunks are added into <paramref name="weightGradients"/> in chunk order, so results do not depend on thread timing.
    /// </summary>
    public static unsafe void Run(int blocks, int threads, int weightCount, bool gradients, ReadOnlySpan<double> inputs, ReadOnlySpan<double> cotangents,
        Span<double> expectations, Span<double> inputGradients, Span<double> weightGradients, ChunkBody body)
    {
        if (threads <= 1)
        {
            body(0, blocks, inputs, cotangents, expectations, inputGradients, weightGradients);
            return;
        }
        // Several chunks per thread, so a thread slowed down by other work on the machine hands chunks to the rest.
        var chunks = Math.Min(blocks, ChunksPerThread * threads);
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
                body(first, end, new ReadOnlySpan<double>((void*)ai, li), new ReadOnlySpan<double>((void*)ac, lc),
                    new Span<double>((void*)ae, le), new Span<double>((void*)ag, lg),
                    gradients ? partial.AsSpan(k * weightCount, weightCount) : default);
            });
        }
        if (!gradients) return;
        for (var k = 0; k < chunks; k++)
            for (var s = 0; s < weightCount; s++)
                weightGradients[s] += partial[k * weightCount + s];
    }
}

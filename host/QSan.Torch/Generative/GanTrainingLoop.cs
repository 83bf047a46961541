using System.Diagnostics;
using System.Text.Json;
using QSan.Generative;
using QSan.Training;
using QSan.Visualization;
using static TorchSharp.torch;

namespace QSan.Torch.Generative;

/// <summary>
/// The GAN's training loop, which advances a <see cref="GanRunState"/> epoch by epoch: per minibatch one discriminator
/// step on real images and detached fakes, then one generator step on fresh noise (hinge or non-saturating loss, each
/// network its own Adam); after every epoch the generator is scored (Fréchet distance, coverage), the checkpoint and
/// metrics are written, and every few epochs a sample grid.
/// </summary>
public static class GanTrainingLoop
{
    /// <summary>
    /// Trains <paramref name="state"/> to its epoch limit, then writes the final grid, the Fréchet curve and the result
    /// (a run that had finished only has its result returned).
    /// </summary>
    /// <param name="state">The run.</param>
    /// <param name="observer">Receives progress, or null.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run between minibatches with <see cref="OperationCanceledException"/>; the folder keeps the
    /// checkpoint of the last completed epoch, from which a resumed run continues bit for bit.
    /// </param>
    public static GanScore Train(GanRunState state, IGanObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Result is { } done) return done;
        // LibTorch's thread count belongs to the calling thread, and a sum split over another thread count may round differently.
        set_num_threads(state.Options.Threads);
        var options = state.Options;
        var count = state.TrainImages.Count;
        var order = new int[count];
        var batches = (count + options.BatchSize - 1) / options.BatchSize;
        state.Generator.train();
        state.Discriminator.train();
        while (state.Epoch < options.Epochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epoch = state.Epoch + 1;
            var clock = Stopwatch.StartNew();
            // Each epoch shuffles the identity, so a resumed run (which starts from the identity) draws the same order.
            for (var i = 0; i < count; i++) order[i] = i;
            state.Shuffling.Shuffle(order);
            double discriminatorLoss = 0, generatorLoss = 0;
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = b * options.BatchSize;
                var (d, g) = Step(state, order.AsSpan(start, Math.Min(options.BatchSize, count - start)));
                discriminatorLoss += d;
                generatorLoss += g;
                observer?.OnBatch(epoch, b + 1, batches);
            }
            clock.Stop();
            var score = state.Score();
            var gate = state.Generator.Block is { } block ? block.Gate.to(ScalarType.Float64).item<double>() : 0;
            var record = new GanEpoch(epoch, discriminatorLoss / batches, generatorLoss / batches, gate, clock.Elapsed.TotalSeconds, score.Frechet, score.Coverage);
            state.Epoch = epoch;
            state.TrainSeconds += clock.Elapsed.TotalSeconds;
            state.Record(record);
            GanCheckpoint.Write(state);
            RunFolder.WriteAllTextAtomically(Path.Combine(state.Directory, RunFolder.MetricsFileName), JsonSerializer.Serialize(state.History, Json.Indented));
            RunFolder.WriteAllTextAtomically(Path.Combine(state.Directory, GanRunState.FrechetCurveFileName), GanFigures.FrechetCurve(state));
            if (epoch % options.SampleEvery == 0 || epoch == options.Epochs)
                ImageGridPng.Write(Path.Combine(state.Directory, $"samples-epoch{epoch:D3}.png"), state.SampleGrid(), state.Scale);
            observer?.OnEpoch(record);
        }
        return Finish(state);
    }

    /// <summary>One discriminator and one generator step on the images at <paramref name="indices"/>; returns both losses.</summary>
    public static (double Discriminator, double Generator) Step(GanRunState state, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var scope = NewDisposeScope();
        var options = state.Options;
        var size = indices.Length;
        var real = state.Images.index_select(0, tensor(indices.ToArray().Select(i => (long)i).ToArray()));

        // Discriminator: real images and detached fakes in one forward pass (one power iteration of each spectral norm).
        Tensor fake;
        using (no_grad()) fake = state.Generator.forward(GanRunState.NormalNoise(state.Noise, size, options.LatentSize));
        var scores = state.Discriminator.forward(cat([real, fake], 0));
        var realScores = scores.narrow(0, 0, size);
        var fakeScores = scores.narrow(0, size, size);
        var discriminatorLoss = options.Loss == GanLoss.Hinge
            ? nn.functional.relu(1 - realScores).mean() + nn.functional.relu(1 + fakeScores).mean()
            : nn.functional.softplus(-realScores).mean() + nn.functional.softplus(fakeScores).mean();
        state.DiscriminatorOptimizer.zero_grad();
        discriminatorLoss.backward();
        state.DiscriminatorOptimizer.step();

        // Generator on fresh noise, through a discriminator whose weights take no gradient.
        SetRequiresGrad(state.Discriminator, false);
        try
        {
            var generated = state.Discriminator.forward(state.Generator.forward(GanRunState.NormalNoise(state.Noise, size, options.LatentSize)));
            var generatorLoss = options.Loss == GanLoss.Hinge ? -generated.mean() : nn.functional.softplus(-generated).mean();
            state.GeneratorOptimizer.zero_grad();
            generatorLoss.backward();
            state.GeneratorOptimizer.step();
            return (discriminatorLoss.item<float>(), generatorLoss.item<float>());
        }
        finally
        {
            SetRequiresGrad(state.Discriminator, true);
        }
    }

    /// <summary>Writes the final grid and result of a run that has trained all its epochs.</summary>
    private static GanScore Finish(GanRunState state)
    {
        ImageGridPng.Write(Path.Combine(state.Directory, GanRunState.SamplesFileName), state.SampleGrid(), state.Scale);
        // The same noise and weights as the last epoch's score, so the two agree.
        var score = state.Score();
        state.Result = score;
        GanCheckpoint.Write(state);
        RunFolder.WriteAllTextAtomically(Path.Combine(state.Directory, RunFolder.ResultFileName), JsonSerializer.Serialize(GanRunResult.From(state), Json.Indented));
        return score;
    }

    private static void SetRequiresGrad(TorchSharp.torch.nn.Module module, bool value)
    {
        foreach (var p in module.parameters()) p.requires_grad = value;
    }
}

using System.Diagnostics;
using System.Text.Json;
using QSan.Quantum.Engine;
using QSan.Autograd;
using QSan.Model;

namespace QSan.Training;

/// <summary>
/// The training loop, which advances a <see cref="TrainingRunState"/> epoch by epoch: shuffled minibatches, Adam on
/// MSE(σ(z), label) or BCE plus λ‖w‖², the validation split scored after every epoch to select the kept weights (and to
/// stop early), a checkpoint after every epoch, and at the end one score of the kept weights on the test split. It keeps
/// nothing of its own: everything a run is lives in the state it advances (epochs and selection in its
/// <see cref="TrainingRecord"/>), and programs reach both through the handle <c>Experiments.TrainingRun</c>.
/// </summary>
public static class TrainingLoop
{
    /// <summary>Sentences per forward pass when scoring (one engine call per layer and head each).</summary>
    public const int EvaluationBatchSize = 512;

    /// <summary>
    /// Trains until the epoch limit or early stopping, then scores the selected weights and writes the run folder's
    /// checkpoint, metrics and result (its figures are drawn a layer above, where training meets visualization).
    /// A run that had already finished only has its result returned.
    /// </summary>
    /// <param name="state">The run.</param>
    /// <param name="observer">Receives progress, or null.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run: the epoch in progress is abandoned and <see cref="OperationCanceledException"/> is thrown;
    /// the folder keeps the checkpoint of the last completed epoch, from which <c>--resume</c> continues exactly.
    /// </param>
    public static TrainingResult Run(TrainingRunState state, ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var options = state.Options;
        // The Q# simulator's start-up is not JIT but a Node process; a warm-up step there would only cost minutes.
        if (state.Record.Stop is null && !(options.Model.Kind == ModelKind.Qsann && options.Backend == Backend.QSharp)) WarmUp(state);
        while (state.Record.Stop is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metrics = RunEpoch(state, observer, cancellationToken);
            Save(state);
            observer?.OnEpoch(metrics);
        }
        if (state.Result is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Finish(state);
        }
        return state.Result!;
    }

    /// <summary>Scores <paramref name="model"/> on <paramref name="sentences"/> without recording a graph.</summary>
    public static Score Evaluate(SentenceClassifier model, EncodedSentences sentences, LossKind loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate((ids, offsets, labels) =>
        {
            using var _ = Tensor.NoGrad();
            var logits = model.Forward(ids, offsets);
            return (QSanAutogradClassifier.DataLoss(logits, labels, loss).Item(), logits.Data);
        }, sentences);
    }

    /// <summary>Scores the classifier a framework trains (with its own loss) on <paramref name="sentences"/> without recording a graph.</summary>
    public static Score Evaluate(ITrainableClassifier model, EncodedSentences sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate(model.Score, sentences);
    }

    private static Score Evaluate(Func<int[], int[], double[], (double DataLoss, double[] Logits)> score, EncodedSentences sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0) return new Score(double.NaN, double.NaN, 0);
        var lossSum = 0.0;
        var correct = 0;
        for (var first = 0; first < sentences.Count; first += EvaluationBatchSize)
        {
            var count = Math.Min(EvaluationBatchSize, sentences.Count - first);
            var (ids, offsets, labels) = sentences.Range(first, count);
            var (loss, logits) = score(ids, offsets, labels);
            lossSum += loss * count;
            correct += CountCorrect(logits, labels);
        }
        return new Score(lossSum / sentences.Count, (double)correct / sentences.Count, sentences.Count);
    }

    /// <summary>
    /// Compiles an epoch's code before the clock starts (the JIT is start-up, not training): a shuffle on a throwaway
    /// generator, a minibatch's step (<see cref="ITrainableClassifier.WarmUp"/>), and a pass over the validation split
    /// (one more at start-up), whose larger engine calls take other paths (threads), as the PyTorch reference warms up its
    /// validation pass too; then full collections. Leaves no trace in the run's state: the classifier's warm-up puts back
    /// what it moves, and the training generator draws nothing (a shot engine's sampler is reseeded at every epoch).
    /// </summary>
    private static void WarmUp(TrainingRunState state)
    {
        var count = Math.Min(state.Options.BatchSize, state.Train.Count);
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        new TrainingRandom(0).Shuffle(order);
        var (ids, offsets, labels) = state.Train.Batch(order);
        state.Trainable.WarmUp(ids, offsets, labels);
        if (state.Validation.Count > 0) Evaluate(state.Trainable, state.Validation);
        // Start-up (data, vocabulary, compiled circuits) leaves megabytes in the young generation; collecting them now
        // keeps their promotion out of the epochs (Python frees a start-up's temporaries as it goes). Twice, because a
        // collection moves survivors up one generation: after one, the start-up's 3 MB still sat in generation 1, and
        // the first collection during training spent 3–5 ms promoting them.
        GC.Collect();
        GC.Collect();
    }

    private static EpochMetrics RunEpoch(TrainingRunState state, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        var options = state.Options;
        var model = state.Trainable;
        var train = state.Train;
        var epoch = state.Epoch + 1;
        var batches = (train.Count + options.BatchSize - 1) / options.BatchSize;

        state.ReseedSampler(epoch);
        var clock = Stopwatch.StartNew();
        // Every epoch shuffles the identity, so the order depends only on the generator's state (which checkpoints keep).
        var order = new int[train.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        state.Random.Shuffle(order);

        var lossSum = 0.0;
        var correct = 0;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = b * options.BatchSize;
            var count = Math.Min(options.BatchSize, train.Count - first);
            var (ids, offsets, labels) = train.Batch(order.AsSpan(first, count));
            if (options.WordDropout > 0) (ids, offsets) = WordDropout.Apply(ids, offsets, options.WordDropout, state.Random);

            var (dataLoss, logits) = model.Step(ids, offsets, labels);
            lossSum += dataLoss * count;
            correct += CountCorrect(logits, labels);
            observer?.OnBatch(epoch, b + 1, batches);
        }

        var validation = state.Validation.Count > 0 ? Evaluate(model, state.Validation) : null;
        clock.Stop();
        return state.Record.CompleteEpoch(options, lossSum / train.Count, (double)correct / train.Count, validation, clock.Elapsed.TotalSeconds, train.TokenCount,
            model.StateDict);
    }

    private static void Finish(TrainingRunState state)
    {
        var model = state.Trainable;
        var options = state.Options;
        var lastWeights = model.StateDict();
        model.LoadStateDict(state.Record.BestWeights);
        state.ReseedSampler(0);
        var train = Evaluate(model, state.Train);
        var validation = state.Validation.Count > 0 ? Evaluate(model, state.Validation) : null;
        var test = Evaluate(model, state.Test);
        var tokens = (double)state.Train.TokenCount * state.History.Count;
        var stopReason = state.Record.Stop == TrainingStop.EarlyStopped
            ? $"early stopping: no better validation score for {options.Patience} epochs"
            : $"completed {options.Epochs} epochs";
        state.Record.Finish(new TrainingResult(
            options.Data.DisplayName, options.Model.Kind.ToString().ToLowerInvariant(),
            options.Model.Kind == ModelKind.Qsann ? options.BackendName : "classical",
            options.Seed, state.Model.ParametersOutsideEmbeddings, state.Model.Embedding.Weight.Count, state.Epoch, state.Record.BestEpoch, stopReason,
            train.Accuracy, validation?.Accuracy, test.Accuracy, test.Loss, state.Record.TrainSeconds,
            state.Record.TrainSeconds > 0 ? tokens / state.Record.TrainSeconds : 0.0,
            state.Train.Count, state.Validation.Count, state.Test.Count, state.Vocabulary.Count, Path.GetFullPath(state.OutputDirectory)));

        // The checkpoint keeps the last epoch's weights (to extend the run) and the selected ones (to use it).
        model.LoadStateDict(lastWeights);
        Save(state);
        model.LoadStateDict(state.Record.BestWeights);
        // The analysis side (figures, predictions) reads QSan's model; with another framework it is a separate copy.
        state.Model.LoadStateDict(state.Record.BestWeights);
        RunFolder.WriteAllTextAtomically(Path.Combine(state.OutputDirectory, RunFolder.ResultFileName), JsonSerializer.Serialize(state.Result, Json.Indented));
    }

    private static void Save(TrainingRunState state)
    {
        CheckpointFile.Write(RunFolder.CheckpointPath(state.OutputDirectory), state.ToCheckpoint());
        var metrics = new { state.Record.BestEpoch, Epochs = state.History };
        RunFolder.WriteAllTextAtomically(Path.Combine(state.OutputDirectory, RunFolder.MetricsFileName), JsonSerializer.Serialize(metrics, Json.Indented));
    }

    private static int CountCorrect(double[] logits, double[] labels)
    {
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
            if (logits[i] >= 0 == labels[i] >= 0.5) correct++;
        return correct;
    }
}

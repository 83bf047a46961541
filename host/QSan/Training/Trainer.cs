using System.Diagnostics;
using System.Text.Json;
using QSan.Quantum.Engine;
using QSan.Autograd;
using QSan.Model;

namespace QSan.Training;

/// <summary>
/// The training loop: shuffled minibatches, Adam on MSE(σ(z), label) or BCE plus λ‖w‖², the validation split scored
/// after every epoch to select the kept weights (and to stop early), a checkpoint after every epoch, and at the end
/// one score of the kept weights on the test split. It keeps nothing of its own: everything a run is lives in the
/// <see cref="TrainingSession"/> it advances, and programs reach both through <c>Experiments.TrainingRun</c>.
/// </summary>
public static class Trainer
{
    /// <summary>Sentences per forward pass when scoring (one engine call per layer and head each).</summary>
    public const int EvaluationBatchSize = 512;

    /// <summary>
    /// Trains until the epoch limit or early stopping, then scores the selected weights and writes the run folder's
    /// checkpoint, metrics and result (its figures are drawn a layer above, where training meets visualization).
    /// A session that had already finished only has its result returned.
    /// </summary>
    /// <param name="session">The run.</param>
    /// <param name="observer">Receives progress, or null.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run: the epoch in progress is abandoned and <see cref="OperationCanceledException"/> is thrown;
    /// the folder keeps the checkpoint of the last completed epoch, from which <c>--resume</c> continues exactly.
    /// </param>
    public static TrainingResult Run(TrainingSession session, ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var options = session.Options;
        // The Q# simulator's start-up is not JIT but a Node process; a warm-up step there would only cost minutes.
        if (session.State.Stop is null && !(options.Model.Kind == ModelKind.Qsann && options.Backend == Backend.QSharp)) WarmUp(session);
        while (session.State.Stop is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metrics = RunEpoch(session, observer, cancellationToken);
            Save(session);
            observer?.OnEpoch(metrics);
        }
        if (session.Result is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Finish(session);
        }
        return session.Result!;
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
    /// Compiles the training step's code before the clock starts (the JIT is start-up, not training): one forward and
    /// backward pass on a minibatch, a no-grad pass, and an Adam step on a throwaway tensor. Leaves no trace in the
    /// session: gradients are reset to null as they were, nothing is stepped, no random number is drawn.
    /// </summary>
    private static void WarmUp(TrainingSession session)
    {
        var count = Math.Min(session.Options.BatchSize, session.Train.Count);
        var (ids, offsets, labels) = session.Train.Range(0, count);
        session.Trainable.WarmUp(ids, offsets, labels);
    }

    private static EpochMetrics RunEpoch(TrainingSession session, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        var options = session.Options;
        var model = session.Trainable;
        var train = session.Train;
        var epoch = session.Epoch + 1;
        var batches = (train.Count + options.BatchSize - 1) / options.BatchSize;

        session.ReseedSampler(epoch);
        var clock = Stopwatch.StartNew();
        // Every epoch shuffles the identity, so the order depends only on the generator's state (which checkpoints keep).
        var order = new int[train.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        session.Random.Shuffle(order);

        var lossSum = 0.0;
        var correct = 0;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = b * options.BatchSize;
            var count = Math.Min(options.BatchSize, train.Count - first);
            var (ids, offsets, labels) = train.Batch(order.AsSpan(first, count));
            if (options.WordDropout > 0) (ids, offsets) = WordDropout.Apply(ids, offsets, options.WordDropout, session.Random);

            var (dataLoss, logits) = model.Step(ids, offsets, labels);
            lossSum += dataLoss * count;
            correct += CountCorrect(logits, labels);
            observer?.OnBatch(epoch, b + 1, batches);
        }

        var validation = session.Validation.Count > 0 ? Evaluate(model, session.Validation) : null;
        clock.Stop();
        return session.State.CompleteEpoch(options, lossSum / train.Count, (double)correct / train.Count, validation, clock.Elapsed.TotalSeconds, train.TokenCount,
            model.StateDict);
    }

    private static void Finish(TrainingSession session)
    {
        var model = session.Trainable;
        var options = session.Options;
        var lastWeights = model.StateDict();
        model.LoadStateDict(session.State.BestWeights);
        session.ReseedSampler(0);
        var train = Evaluate(model, session.Train);
        var validation = session.Validation.Count > 0 ? Evaluate(model, session.Validation) : null;
        var test = Evaluate(model, session.Test);
        var tokens = (double)session.Train.TokenCount * session.History.Count;
        var stopReason = session.State.Stop == TrainingStop.EarlyStopped
            ? $"early stopping: no better validation score for {options.Patience} epochs"
            : $"completed {options.Epochs} epochs";
        session.State.Finish(new TrainingResult(
            options.Data.DisplayName, options.Model.Kind.ToString().ToLowerInvariant(),
            options.Model.Kind == ModelKind.Qsann ? options.BackendName : "classical",
            options.Seed, session.Model.ParametersOutsideEmbeddings, session.Model.Embedding.Weight.Count, session.Epoch, session.State.BestEpoch, stopReason,
            train.Accuracy, validation?.Accuracy, test.Accuracy, test.Loss, session.State.TrainSeconds,
            session.State.TrainSeconds > 0 ? tokens / session.State.TrainSeconds : 0.0,
            session.Train.Count, session.Validation.Count, session.Test.Count, session.Vocabulary.Count, Path.GetFullPath(session.OutputDirectory)));

        // The checkpoint keeps the last epoch's weights (to extend the run) and the selected ones (to use it).
        model.LoadStateDict(lastWeights);
        Save(session);
        model.LoadStateDict(session.State.BestWeights);
        // The analysis side (figures, predictions) reads QSan's model; with another framework it is a separate copy.
        session.Model.LoadStateDict(session.State.BestWeights);
        RunFolder.WriteAllTextAtomically(Path.Combine(session.OutputDirectory, RunFolder.ResultFileName), JsonSerializer.Serialize(session.Result, Json.Indented));
    }

    private static void Save(TrainingSession session)
    {
        CheckpointFile.Write(RunFolder.CheckpointPath(session.OutputDirectory), session.ToCheckpoint());
        var metrics = new { session.State.BestEpoch, Epochs = session.History };
        RunFolder.WriteAllTextAtomically(Path.Combine(session.OutputDirectory, RunFolder.MetricsFileName), JsonSerializer.Serialize(metrics, Json.Indented));
    }

    private static int CountCorrect(double[] logits, double[] labels)
    {
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
            if (logits[i] >= 0 == labels[i] >= 0.5) correct++;
        return correct;
    }
}

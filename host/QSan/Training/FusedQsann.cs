using QSan.Autograd;
using QSan.Model;

namespace QSan.Training;

/// <summary>
/// The paper's QSANN (one layer, one head, no position angles) scored and differentiated without recording a graph:
/// the kernels the graph's nodes call (row gathers, the engine's forward and vector-Jacobian product, the attention
/// kernel, the head's matrix products, the loss), in the order the graph's backward pass calls them, on buffers kept
/// between minibatches. Losses, logits and gradients are the graph's bit for bit (tests hold the two together); what
/// goes is the graph's bookkeeping, about twenty tensors and closures a minibatch, which on Yelp cost more than their
/// arithmetic, and the garbage collections their memory caused.
/// </summary>
/// <remarks>One instance per model, used from one thread at a time.</remarks>
internal sealed class FusedQsann
{
    private readonly QsannModel model;
    private readonly LossKind loss;
    private readonly double lambda;
    private readonly DistinctIds distinctIds = new();
    private readonly int d;

    // The last forward pass: its distinct words, which of them each token reads, and the attention's weight blocks.
    private int[] distinct = [], positions = [], weightStart = [];

    // Per-minibatch buffers, grown to the largest minibatch seen.
    private double[] rows = [], qkv = [], q = [], k = [], v = [], attentionWeights = [], attention = [], pooled = [];
    private double[] tokenGradients = [], pooledGradients = [], queryGradients = [], keyGradients = [], valueGradients = [];
    private double[] qkvGradients = [], rowGradients = [], expectations = [], weightGradients = [];

    private FusedQsann(QsannModel model, LossKind loss, double lambda)
    {
        this.model = model;
        this.loss = loss;
        this.lambda = lambda;
        d = model.Dimension;
    }

    /// <summary>The fused path for <paramref name="model"/>, or null when its architecture is not the one it covers.</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="loss">The data loss.</param>
    /// <param name="lambda">λ of the λ‖w‖² penalty on the head's weights (0: none).</param>
    public static FusedQsann? For(SentenceClassifier model, LossKind loss, double lambda) =>
        model is QsannModel { Config: { Layers: 1, Heads: 1, Positions: 0 } } qsann && qsann.Head.Bias is not null
            ? new FusedQsann(qsann, loss, lambda)
            : null;

    /// <summary>The data loss (without λ‖w‖²) and the logits of a minibatch.</summary>
    public (double DataLoss, double[] Logits) Score(int[] ids, int[] offsets, double[] labels)
    {
        var logits = Forward(ids, offsets, labels, keepStates: false);
        return (DataLoss(logits, labels, null), logits);
    }

    /// <summary>
    /// Adds the gradients of data loss + λ‖w‖² into the parameters' <see cref="Tensor.Grad"/> (as the graph's backward
    /// pass would) and returns the data loss and the logits.
    /// </summary>
    public (double DataLoss, double[] Logits) AccumulateGradients(int[] ids, int[] offsets, double[] labels)
    {
        var logits = Forward(ids, offsets, labels, keepStates: true);
        var sentences = logits.Length;
        var tokens = ids.Length;
        var width = d + 2;
        var count = distinct.Length;
        var theta = model.Layer(0).Weights(0);
        var headWeight = model.Head.Weight;
        var headBias = model.Head.Bias!;
        var quantum = model.Quantum;

        var logitGradients = new double[sentences];
        var dataLoss = DataLoss(logits, labels, logitGradients);

        // The λ‖w‖² penalty's share of the head's gradient first, as the graph's order has it, then the head.
        var headWeightGradient = headWeight.AccumulateGrad();
        if (lambda > 0) Kernels.MultiplyAdd(headWeight.Data, 2.0 * lambda, headWeightGradient, headWeightGradient);
        Grow(ref pooledGradients, sentences * d);
        Gemm.Multiply(logitGradients, 1, 1, headWeight.Data, pooledGradients, sentences, 1, d, accumulate: false);
        Gemm.Multiply(logitGradients, 1, 1, pooled, headWeightGradient, 1, sentences, d, accumulate: true);
        var headBiasGradient = headBias.AccumulateGrad();
        for (var b = 0; b < sentences; b++) Kernels.Add(headBiasGradient, logitGradients.AsSpan(b, 1), headBiasGradient);

        // Mean pooling: every token of sentence b gets its gradient / n (the graph's Axpy onto zeros rounds the same
        // product); the residual passes it to both branches.
        Grow(ref tokenGradients, tokens * d);
        for (var b = 0; b < sentences; b++)
        {
            var scale = 1.0 / (offsets[b + 1] - offsets[b]);
            for (var t = offsets[b]; t < offsets[b + 1]; t++) Kernels.Multiply(pooledGradients.AsSpan(b * d, d), scale, tokenGradients.AsSpan(t * d, d));
        }

        // Attention, per token, then added into the distinct words' rows in token order.
        Cleared(ref queryGradients, tokens);
        Cleared(ref keyGradients, tokens);
        Cleared(ref valueGradients, tokens * d);
        AttentionKernel.Backward(tokenGradients, q, k, v, offsets, d, attentionWeights, weightStart, queryGradients, keyGradients, valueGradients);
        Cleared(ref qkvGradients, count * width);
        AttentionKernel.AddPacked(queryGradients, keyGradients, valueGradients, width, positions, tokens, qkvGradients);

        // The circuits: their vector-Jacobian product gives the rows' and the branch weights' gradients.
        Grow(ref expectations, count * width);
        Grow(ref rowGradients, count * d);
        Grow(ref weightGradients, theta.Count);
        quantum.Engine.Vjp(quantum.Circuit, count, rows.AsSpan(0, count * d), theta.Data, qkvGradients.AsSpan(0, count * width),
            expectations.AsSpan(0, count * width), rowGradients.AsSpan(0, count * d), weightGradients.AsSpan(0, theta.Count));
        var thetaGradient = theta.AccumulateGrad();
        Kernels.Add(thetaGradient, weightGradients.AsSpan(0, theta.Count), thetaGradient);

        // The embedding table: the circuits' share row by row, then the residual's share token by token (the graph's order).
        var tableGradient = model.Embedding.Weight.AccumulateGrad();
        for (var i = 0; i < count; i++)
        {
            var dst = tableGradient.AsSpan(distinct[i] * d, d);
            Kernels.Add(dst, rowGradients.AsSpan(i * d, d), dst);
        }
        for (var t = 0; t < tokens; t++)
        {
            var dst = tableGradient.AsSpan(ids[t] * d, d);
            Kernels.Add(dst, tokenGradients.AsSpan(t * d, d), dst);
        }
        return (dataLoss, logits);
    }

    /// <summary>The logits; leaves the intermediate values in the buffers for the backward pass.</summary>
    private double[] Forward(int[] ids, int[] offsets, double[] labels, bool keepStates)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(labels);
        var tokens = ids.Length;
        var sentences = CheckOffsets(offsets, tokens);
        if (labels.Length != sentences)
            throw new ArgumentException($"The batch has {sentences} sentences but {labels.Length} labels.", nameof(labels));
        var width = d + 2;
        var table = model.Embedding.Weight.Data;
        var theta = model.Layer(0).Weights(0);
        var quantum = model.Quantum;

        // The circuits run once per distinct word; token t reads row positions[t].
        (distinct, positions) = distinctIds.Find(ids, model.Embedding.Count);
        var count = distinct.Length;
        Grow(ref rows, count * d);
        for (var i = 0; i < count; i++) table.AsSpan(distinct[i] * d, d).CopyTo(rows.AsSpan(i * d, d));
        Grow(ref qkv, count * width);
        if (keepStates) quantum.Engine.ForwardKeepingStates(quantum.Circuit, count, rows.AsSpan(0, count * d), theta.Data, qkv.AsSpan(0, count * width));
        else quantum.Engine.Forward(quantum.Circuit, count, rows.AsSpan(0, count * d), theta.Data, qkv.AsSpan(0, count * width));

        Grow(ref q, tokens);
        Grow(ref k, tokens);
        Grow(ref v, tokens * d);
        AttentionKernel.Unpack(qkv, count, width, positions, tokens, q, k, v);
        weightStart = AttentionSegments.BlockStarts(offsets);
        Grow(ref attentionWeights, weightStart[sentences]);
        Grow(ref attention, tokens * d);
        AttentionKernel.Forward(q, k, v, offsets, d, weightStart, attentionWeights, attention);

        // The residual y = embedding row + attention, summed over each sentence, then the mean and the head.
        Grow(ref pooled, sentences * d);
        for (var b = 0; b < sentences; b++)
        {
            var mean = pooled.AsSpan(b * d, d);
            mean.Clear();
            for (var t = offsets[b]; t < offsets[b + 1]; t++)
            {
                var y = attention.AsSpan(t * d, d);
                Kernels.Add(table.AsSpan(ids[t] * d, d), y, y);
                Kernels.Add(mean, y, mean);
            }
            Kernels.Multiply(mean, 1.0 / (offsets[b + 1] - offsets[b]), mean);
        }
        var logits = new double[sentences];
        Gemm.MultiplyTransposed(pooled, model.Head.Weight.Data, logits, sentences, d, 1, accumulate: false);
        for (var b = 0; b < sentences; b++) Kernels.Add(logits.AsSpan(b, 1), model.Head.Bias!.Data, logits.AsSpan(b, 1));
        return logits;
    }

    /// <summary>The mean data loss, as <see cref="QSanAutogradClassifier.DataLoss"/>; adds its gradient with respect to the logits when asked.</summary>
    private double DataLoss(double[] logits, double[] labels, double[]? logitGradients)
    {
        var n = logits.Length;
        if (loss == LossKind.Bce)
        {
            if (logitGradients is not null) Functional.AddBinaryCrossEntropyWithLogitsGradient(logits, labels, 1.0 / n, logitGradients);
            return Functional.BinaryCrossEntropyWithLogitsSum(logits, labels) / n;
        }

        // MSE on σ(z), the paper's.
        var p = new double[n];
        Kernels.Sigmoid(logits, p);
        var diff = new double[n];
        Kernels.Subtract(p, labels, diff);
        if (logitGradients is not null)
        {
            var probabilityGradients = new double[n];
            Kernels.MultiplyAdd(diff, 2.0 / n, probabilityGradients, probabilityGradients);
            for (var i = 0; i < n; i++) logitGradients[i] += probabilityGradients[i] * p[i] * (1.0 - p[i]);
        }
        return Kernels.SumOfSquares(diff) / n;
    }

    private static int CheckOffsets(int[] offsets, int tokens)
    {
        if (offsets.Length < 2 || offsets[0] != 0 || offsets[^1] != tokens)
            throw new ArgumentException($"Offsets must start at 0 and end at the token count {tokens}, with at least one sentence.", nameof(offsets));
        for (var b = 0; b + 1 < offsets.Length; b++)
            if (offsets[b + 1] <= offsets[b])
                throw new ArgumentException($"Sentence {b} has no tokens (offsets[{b}] = {offsets[b]}, offsets[{b + 1}] = {offsets[b + 1]}).", nameof(offsets));
        return offsets.Length - 1;
    }

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[Math.Max(length, 2 * buffer.Length)];
    }

    private static void Cleared(ref double[] buffer, int length)
    {
        Grow(ref buffer, length);
        buffer.AsSpan(0, length).Clear();
    }
}

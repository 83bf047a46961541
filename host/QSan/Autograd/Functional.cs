using System.Runtime.CompilerServices;

namespace QSan.Autograd;

/// <summary>
/// Fused neural-network ops (after <c>torch.nn.functional</c>): each is one graph node with a hand-written backward.
/// Ragged batches of sentences are stored as their tokens concatenated along axis 0, with
/// <c>offsets</c> = [0, end of sentence 0, end of sentence 1, …, total tokens] (length sentences + 1).
/// </summary>
public static class Functional
{
    /// <summary>Embedding lookup: rows <paramref name="ids"/> of <paramref name="weight"/> [vocabulary × d]; the gradient scatter-adds.</summary>
    public static Tensor Embedding(Tensor weight, int[] ids)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2) throw new ArgumentException($"Embedding needs a [vocabulary, d] weight; got {ShapeUtil.Format(weight.Shape)}.");
        return weight.IndexSelect(ids);
    }

    /// <summary>
    /// Affine map y = x·Wᵀ + b over the last axis, as <c>torch.nn.functional.linear</c>:
    /// x is [..., in], <paramref name="weight"/> is [out × in], <paramref name="bias"/> is [out] or null; y is [..., out].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2 || x.Rank < 1 || x.Shape[^1] != weight.Shape[1])
            throw new ArgumentException($"Linear: input {ShapeUtil.Format(x.Shape)} does not match weight {ShapeUtil.Format(weight.Shape)} ([out, in]).");
        var outFeatures = weight.Shape[0];
        var inFeatures = weight.Shape[1];
        if (bias is not null && bias.Count != outFeatures)
            throw new ArgumentException($"Linear: bias {ShapeUtil.Format(bias.Shape)} does not have {outFeatures} values.");
        var rows = inFeatures == 0 ? ShapeUtil.Product(x.Shape, 0, x.Rank - 1) : x.Count / inFeatures;
        var shape = (int[])x.Shape.Clone();
        shape[^1] = outFeatures;
        var data = new double[rows * outFeatures];
        Gemm.MultiplyTransposed(x.Data, weight.Data, data, rows, inFeatures, outFeatures, accumulate: false);
        if (bias is not null)
        {
            for (var r = 0; r < rows; r++) Kernels.Add(data.AsSpan(r * outFeatures, outFeatures), bias.Data, data.AsSpan(r * outFeatures, outFeatures));
        }

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.Record(data, shape, inputs, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (double[] g) =>
        {
            // dx += dy · W;  dW += dyᵀ · x (dyᵀ read through dy's strides);  db += Σ_rows dy
            if (x.RequiresGrad) Gemm.Multiply(g, outFeatures, 1, weight.Data, x.AccumulateGrad(), rows, outFeatures, inFeatures, accumulate: true);
            if (weight.RequiresGrad) Gemm.Multiply(g, 1, outFeatures, x.Data, weight.AccumulateGrad(), outFeatures, rows, inFeatures, accumulate: true);
            if (bias is not null && bias.RequiresGrad)
            {
                var gb = bias.AccumulateGrad();
                for (var r = 0; r < rows; r++) Kernels.Add(gb, g.AsSpan(r * outFeatures, outFeatures), gb);
            }
        });
    }

    /// <summary>
    /// Gaussian projected self-attention (QSANN) as one op. For each sentence and each token s of it:
    /// α_{s,j} = exp(−(q_s − k_j)²) over the tokens j of the same sentence, ã = α / Σ_j α, and
    /// out_s = Σ_j ã_{s,j} v_j. Attention never crosses sentence boundaries.
    /// </summary>
    /// <param name="q">Queries, one per token: [tokens] or [tokens × 1].</param>
    /// <param name="k">Keys, one per token: [tokens] or [tokens × 1].</param>
    /// <param name="v">Values: [tokens × d].</param>
    /// <param name="offsets">Sentence boundaries (see <see cref="Functional"/>); [0, tokens] for one sentence.</param>
    /// <returns>[tokens × d].</returns>
    public static Tensor GaussianAttention(Tensor q, Tensor k, Tensor v, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        if (v.Rank != 2) throw new ArgumentException($"GaussianAttention: values must be [tokens, d]; got {ShapeUtil.Format(v.Shape)}.");
        var tokens = v.Shape[0];
        var d = v.Shape[1];
        if (q.Count != tokens || k.Count != tokens || q.Rank > 2 || k.Rank > 2)
            throw new ArgumentException($"GaussianAttention: queries {ShapeUtil.Format(q.Shape)} and keys {ShapeUtil.Format(k.Shape)} must hold one value per token ({tokens}).");
        CheckOffsets(offsets, tokens, "GaussianAttention");

        var ragged = (int[])offsets.Clone();
        var (data, weights, weightStart) = AttentionKernel.Forward(q.Data, k.Data, v.Data, ragged, d);
        return Tensor.Record(data, [tokens, d], [q, k, v], g => AttentionKernel.Backward(
            g, q.Data, k.Data, v.Data, ragged, d, weights, weightStart,
            q.RequiresGrad ? q.AccumulateGrad() : null,
            k.RequiresGrad ? k.AccumulateGrad() : null,
            v.RequiresGrad ? v.AccumulateGrad() : null));
    }

    /// <summary>
    /// <see cref="GaussianAttention(Tensor, Tensor, Tensor, int[])"/> on packed rows, as QSANN's circuits produce them:
    /// each row of <paramref name="qkv"/> is a query, a key and d values, and token t reads row <paramref name="rows"/>[t]
    /// (row t when <paramref name="rows"/> is null), so a word that occurs several times shares one row. One graph node
    /// instead of a gather and three column slices; the same numbers, bit for bit.
    /// </summary>
    /// <param name="qkv">[rows × (2 + d)]: q, k, v₀ … v_{d−1} per row.</param>
    /// <param name="rows">For each token the row it reads, or null for one row per token.</param>
    /// <param name="offsets">Sentence boundaries over the tokens (see <see cref="Functional"/>).</param>
    /// <returns>[tokens × d].</returns>
    public static Tensor GaussianAttention(Tensor qkv, int[]? rows, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(qkv);
        if (qkv.Rank != 2 || qkv.Shape[1] < 3)
            throw new ArgumentException($"GaussianAttention: packed rows must be [rows, 2 + d] with d ≥ 1; got {ShapeUtil.Format(qkv.Shape)}.");
        var count = qkv.Shape[0];
        var width = qkv.Shape[1];
        var d = width - 2;
        var tokens = rows?.Length ?? count;
        CheckOffsets(offsets, tokens, "GaussianAttention");
        var map = rows is null ? null : (int[])rows.Clone();
        var q = new double[tokens];
        var k = new double[tokens];
        var v = new double[tokens * d];
        AttentionKernel.Unpack(qkv.Data, count, width, map, tokens, q, k, v);

        var ragged = (int[])offsets.Clone();
        var (data, weights, weightStart) = AttentionKernel.Forward(q, k, v, ragged, d);
        return Tensor.Record(data, [tokens, d], [qkv], g =>
        {
            // Per-token gradients first, then added into the rows in token order.
            var gq = new double[tokens];
            var gk = new double[tokens];
            var gv = new double[tokens * d];
            AttentionKernel.Backward(g, q, k, v, ragged, d, weights, weightStart, gq, gk, gv);
            AttentionKernel.AddPacked(gq, gk, gv, width, map, tokens, qkv.AccumulateGrad());
        });
    }

    /// <summary>Mean over the tokens of each sentence of a ragged batch: x [tokens × ...] → [sentences × ...]. Every sentence needs a token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tensor SegmentMean(Tensor x, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 1) throw new ArgumentException("SegmentMean needs a tensor with a token axis.");
        var tokens = x.Shape[0];
        var segments = CheckOffsets(offsets, tokens, "SegmentMean");
        var width = tokens == 0 ? 0 : x.Count / tokens;
        var ragged = (int[])offsets.Clone();
        var data = new double[segments * width];
        for (var b = 0; b < segments; b++)
        {
            var n = ragged[b + 1] - ragged[b];
            if (n == 0) throw new ArgumentException($"SegmentMean: sentence {b} has no tokens, so it has no mean.");
            var dst = data.AsSpan(b * width, width);
            for (var s = ragged[b]; s < ragged[b + 1]; s++)
                Kernels.Add(dst, x.Data.AsSpan(s * width, width), dst);
            Kernels.Multiply(dst, 1.0 / n, dst);
        }
        var shape = (int[])x.Shape.Clone();
        shape[0] = segments;
        return Tensor.Record(data, shape, [x], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (double[] g) =>
        {
            var gx = x.AccumulateGrad();
            for (var b = 0; b < segments; b++)
            {
                var scale = 1.0 / (ragged[b + 1] - ragged[b]);
                ReadOnlySpan<double> gb = g.AsSpan(b * width, width);
                for (var s = ragged[b]; s < ragged[b + 1]; s++)
                {
                    var dst = gx.AsSpan(s * width, width);
                    Kernels.Axpy(scale, gb, dst);
                }
            }
        });
    }

    /// <summary>Mean squared error mean((p − t)²); <paramref name="prediction"/> and <paramref name="target"/> need the same number of values.</summary>
    public static Tensor MseLoss(Tensor prediction, Tensor target)
    {
        CheckPair(prediction, target, "MseLoss");
        var n = prediction.Count;
        var diff = new double[n];
        Kernels.Subtract(prediction.Data, target.Data, diff);
        var loss = Kernels.SumOfSquares(diff) / n;
        return Tensor.Record([loss], [], [prediction, target], g =>
        {
            var scale = 2.0 * g[0] / n;
            if (prediction.RequiresGrad)
            {
                var gp = prediction.AccumulateGrad();
                Kernels.MultiplyAdd(diff, scale, gp, gp);
            }
            if (target.RequiresGrad)
            {
                var gt = target.AccumulateGrad();
                Kernels.MultiplyAdd(diff, -scale, gt, gt);
            }
        });
    }

    /// <summary>The clamping bound of <see cref="BinaryCrossEntropy"/>: probabilities are kept in [ε, 1 − ε].</summary>
    public const double ProbabilityEpsilon = 1e-12;

    /// <summary>
    /// Binary cross-entropy on probabilities, −mean(t log p + (1 − t) log(1 − p)). Probabilities are clamped to
    /// [<see cref="ProbabilityEpsilon"/>, 1 − <see cref="ProbabilityEpsilon"/>] so the loss stays finite at 0 and 1;
    /// the gradient is (p − t) / (p (1 − p)) evaluated at the clamped p (it passes through the clamp, so a
    /// saturated wrong prediction still gets pushed back). Prefer <see cref="BinaryCrossEntropyWithLogits"/> when logits are at hand.
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor probability, Tensor target)
    {
        CheckPair(probability, target, "BinaryCrossEntropy");
        var n = probability.Count;
        var clamped = new double[n];
        Kernels.Clamp(probability.Data, ProbabilityEpsilon, 1.0 - ProbabilityEpsilon, clamped);
        var loss = 0.0;
        for (var i = 0; i < n; i++)
        {
            var p = clamped[i];
            var t = target.Data[i];
            loss -= t * Math.Log(p) + (1.0 - t) * Math.Log(1.0 - p);
        }
        return Tensor.Record([loss / n], [], [probability, target], g =>
        {
            var scale = g[0] / n;
            if (probability.RequiresGrad)
            {
                var gp = probability.AccumulateGrad();
                for (var i = 0; i < n; i++)
                {
                    var p = clamped[i];
                    gp[i] += scale * (p - target.Data[i]) / (p * (1.0 - p));
                }
            }
            if (target.RequiresGrad)
            {
                var gt = target.AccumulateGrad();
                for (var i = 0; i < n; i++)
                {
                    var p = clamped[i];
                    gt[i] -= scale * (Math.Log(p) - Math.Log(1.0 - p));
                }
            }
        });
    }

    /// <summary>
    /// Binary cross-entropy on logits z (p = σ(z)), computed stably as mean(max(z, 0) − z t + log(1 + e^{−|z|}));
    /// the gradient is (σ(z) − t) / n. Exact for any finite z.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target)
    {
        CheckPair(logits, target, "BinaryCrossEntropyWithLogits");
        var n = logits.Count;
        var loss = BinaryCrossEntropyWithLogitsSum(logits.Data, target.Data);
        return Tensor.Record([loss / n], [], [logits, target], g =>
        {
            var scale = g[0] / n;
            if (logits.RequiresGrad) AddBinaryCrossEntropyWithLogitsGradient(logits.Data, target.Data, scale, logits.AccumulateGrad());
            if (target.RequiresGrad)
            {
                var gt = target.AccumulateGrad();
                for (var i = 0; i < n; i++) gt[i] -= scale * logits.Data[i];
            }
        });
    }

    /// <summary>Σ_i max(z_i, 0) − z_i t_i + log(1 + e^{−|z_i|}), the stable form of binary cross-entropy on logits.</summary>
    internal static double BinaryCrossEntropyWithLogitsSum(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets)
    {
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var z = logits[i];
            sum += Math.Max(z, 0.0) - z * targets[i] + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
        }
        return sum;
    }

    /// <summary>gradient_i += scale · (σ(z_i) − t_i): the gradient of <see cref="BinaryCrossEntropyWithLogitsSum"/> times scale.</summary>
    internal static void AddBinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, double scale, Span<double> gradient)
    {
        for (var i = 0; i < logits.Length; i++) gradient[i] += scale * (1.0 / (1.0 + Math.Exp(-logits[i])) - targets[i]);
    }

    /// <summary>The squared L2 norm Σ‖w‖² of all values of <paramref name="tensors"/> (multiply by λ yourself).</summary>
    public static Tensor L2Penalty(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var inputs = (Tensor[])tensors.Clone();
        var sum = 0.0;
        foreach (var t in inputs) sum += Kernels.SumOfSquares(t.Data);
        return Tensor.Record([sum], [], inputs, g =>
        {
            var scale = 2.0 * g[0];
            foreach (var t in inputs)
            {
                if (!t.RequiresGrad) continue;
                var gt = t.AccumulateGrad();
                Kernels.MultiplyAdd(t.Data, scale, gt, gt);
            }
        });
    }

    /// <summary>Checks ragged offsets against the token count and returns the number of sentences.</summary>
    private static int CheckOffsets(int[] offsets, int tokens, string op)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length < 1 || offsets[0] != 0 || offsets[^1] != tokens)
            throw new ArgumentException($"{op}: offsets must start at 0 and end at the token count {tokens}.");
        for (var i = 1; i < offsets.Length; i++)
            if (offsets[i] < offsets[i - 1])
                throw new ArgumentException($"{op}: offsets must not decrease (offsets[{i}] = {offsets[i]} < {offsets[i - 1]}).");
        return offsets.Length - 1;
    }

    private static void CheckPair(Tensor prediction, Tensor target, string op)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Count != target.Count)
            throw new ArgumentException($"{op}: prediction {ShapeUtil.Format(prediction.Shape)} and target {ShapeUtil.Format(target.Shape)} differ in size.");
        if (prediction.Count == 0) throw new ArgumentException($"{op}: empty prediction.");
    }
}

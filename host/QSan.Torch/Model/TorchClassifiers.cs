using QSan.Model;
using QSan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace QSan.Torch.Model;

/// <summary>Builds TorchSharp classifiers from QSan's, and the training objective both implementations minimise.</summary>
public static class TorchClassifiers
{
    /// <summary>The TorchSharp twin of <paramref name="model"/>: the same architecture, circuits and engine, its current weights copied.</summary>
    public static TorchSentenceClassifier From(SentenceClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        TorchSentenceClassifier twin = model switch
        {
            QsannModel qsann => new QsannClassifier(qsann.Config, qsann.Embedding.Count, qsann.Quantum),
            CsannModel csann => new CsannClassifier(csann.Config, csann.Embedding.Count),
            _ => throw new ArgumentException($"No TorchSharp form of {model.GetType().Name}.", nameof(model)),
        };
        twin.LoadStateDict(model.StateDict());
        return twin;
    }

    /// <summary>
    /// The data loss of logits <paramref name="logits"/> [sentences] against 0/1 <paramref name="labels"/>: MSE on σ(z)
    /// (the paper) or BCE on the logits, each a mean over the sentences.
    /// </summary>
    public static Tensor DataLoss(Tensor logits, double[] labels, LossKind loss)
    {
        var target = tensor(labels, ScalarType.Float64);
        return loss == LossKind.Bce
            ? nn.functional.binary_cross_entropy_with_logits(logits, target)
            : nn.functional.mse_loss(logits.sigmoid(), target);
    }

    /// <summary>The data loss plus λ‖w‖² on the head's weights (docs/model.md).</summary>
    public static Tensor Objective(TorchSentenceClassifier model, Tensor logits, double[] labels, LossKind loss, double lambda) =>
        WithPenalty(model, DataLoss(logits, labels, loss), lambda);

    /// <summary><paramref name="dataLoss"/> plus λ‖w‖² on <paramref name="model"/>'s head weights; the data loss itself when λ = 0.</summary>
    public static Tensor WithPenalty(TorchSentenceClassifier model, Tensor dataLoss, double lambda)
    {
        ArgumentNullException.ThrowIfNull(model);
        return lambda > 0 ? dataLoss + lambda * model.Head.weight!.square().sum() : dataLoss;
    }
}

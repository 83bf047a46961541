using System.Security.Cryptography;
using QSan.Autograd;
using QSan.Data;
using QSan.Training;

namespace QSan.Generative;

/// <summary>
/// The FID recipe with a domain classifier in place of Inception: a small MLP (pixels → 128 → 64 → classes, ReLU)
/// trained once on the real training images (fixed seed, 5 epochs of Adam) and cached on disk by the images' hash; its
/// 64 penultimate activations are the feature space of the Fréchet distance, its predictions give the class coverage.
/// </summary>
public sealed class DomainClassifier
{
    /// <summary>Width of the feature layer.</summary>
    public const int FeatureWidth = 64;

    private const int Hidden = 128;
    private const int Epochs = 5;
    private const int TrainLimit = 20_000;
    private readonly Linear first;
    private readonly Linear second;
    private readonly Linear head;

    private DomainClassifier(int pixels, int classes)
    {
        var random = new Random(12345);
        first = new Linear(pixels, Hidden, random);
        second = new Linear(Hidden, FeatureWidth, random);
        head = new Linear(FeatureWidth, classes, random);
        ClassCount = classes;
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Accuracy on the test images after training.</summary>
    public double TestAccuracy { get; private set; }

    /// <summary>Trains on <paramref name="dataset"/>'s training images, or loads the cached weights of an earlier training.</summary>
    /// <param name="dataset">The real images.</param>
    /// <param name="cacheDirectory">Where trained classifiers are kept; null: <c>~/.cache/qsan/classifiers</c>.</param>
    public static DomainClassifier For(ImageDataset dataset, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var train = dataset.Train;
        var classifier = new DomainClassifier(train.PixelCount, train.ClassCount);
        var cache = cacheDirectory ?? Path.Combine(Path.GetDirectoryName(DatasetResolver.DefaultCacheDirectory(Environment.GetEnvironmentVariable))!, "classifiers");
        var path = Path.Combine(cache, $"{Fingerprint(train)}.bin");
        if (!classifier.TryLoad(path))
        {
            classifier.Train(train.Take(TrainLimit));
            try
            {
                Directory.CreateDirectory(cache);
                classifier.Save(path);
            }
            catch (IOException)
            {
                // A read-only cache only costs a retraining next time.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        var predictions = classifier.Predict(dataset.Test.Pixels);
        classifier.TestAccuracy = predictions.Where((p, i) => p == dataset.Test.Labels[i]).Count() / (double)Math.Max(1, predictions.Length);
        return classifier;
    }

    /// <summary>The feature vectors ([count × <see cref="FeatureWidth"/>]) of images given as [count × pixels] values.</summary>
    public double[] Features(double[] pixels)
    {
        using var _ = Tensor.NoGrad();
        return Hidden2(Tensor.FromArray(pixels, [pixels.Length / first.InFeatures, first.InFeatures])).Data;
    }

    /// <summary>The predicted class of each image.</summary>
    public int[] Predict(double[] pixels)
    {
        using var _ = Tensor.NoGrad();
        var count = pixels.Length / first.InFeatures;
        var logits = head.Forward(Hidden2(Tensor.FromArray(pixels, [count, first.InFeatures]))).Data;
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            var best = 0;
            for (var c = 1; c < ClassCount; c++)
                if (logits[i * ClassCount + c] > logits[i * ClassCount + best]) best = c;
            result[i] = best;
        }
        return result;
    }

    private Tensor Hidden2(Tensor x) => second.Forward(first.Forward(x).Relu()).Relu();

    private void Train(ImageSet train)
    {
        var parameters = first.Parameters().Concat(second.Parameters()).Concat(head.Parameters()).ToList();
        var adam = new Adam(parameters, 1e-3);
        var shuffle = new TrainingRandom(777);
        var order = Enumerable.Range(0, train.Count).ToArray();
        const int batch = 64;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (var start = 0; start < order.Length; start += batch)
            {
                var size = Math.Min(batch, order.Length - start);
                var x = new double[size * train.PixelCount];
                var y = new double[size * ClassCount];
                for (var i = 0; i < size; i++)
                {
                    train.Image(order[start + i]).CopyTo(x.AsSpan(i * train.PixelCount));
                    y[i * ClassCount + train.Labels[order[start + i]]] = 1;
                }
                var logits = head.Forward(Hidden2(Tensor.FromArray(x, [size, train.PixelCount])));
                var loss = CrossEntropy(logits, y, size);
                adam.ZeroGrad();
                loss.Backward();
                adam.Step();
            }
        }
    }

    private Tensor CrossEntropy(Tensor logits, double[] target, int rows)
    {
        var k = ClassCount;
        var probabilities = new double[rows * k];
        var loss = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++) max = Math.Max(max, logits.Data[r * k + c]);
            var sum = 0.0;
            for (var c = 0; c < k; c++) sum += probabilities[r * k + c] = Math.Exp(logits.Data[r * k + c] - max);
            for (var c = 0; c < k; c++)
            {
                probabilities[r * k + c] /= sum;
                if (target[r * k + c] > 0) loss -= target[r * k + c] * Math.Log(Math.Max(probabilities[r * k + c], 1e-300));
            }
        }
        return Tensor.Custom([logits], [loss / rows], [], (g, gradients) =>
        {
            var gl = gradients[0];
            if (gl is null) return;
            for (var i = 0; i < gl.Length; i++) gl[i] += g[0] * (probabilities[i] - target[i]) / rows;
        });
    }

    private IEnumerable<Tensor> AllParameters() => first.Parameters().Concat(second.Parameters()).Concat(head.Parameters());

    private bool TryLoad(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            foreach (var p in AllParameters())
            {
                if (reader.ReadInt32() != p.Count) return false;
                for (var i = 0; i < p.Count; i++) p.Data[i] = reader.ReadDouble();
            }
            return reader.BaseStream.Position == reader.BaseStream.Length;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private void Save(string path)
    {
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                foreach (var p in AllParameters())
                {
                    writer.Write(p.Count);
                    foreach (var v in p.Data) writer.Write(v);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static string Fingerprint(ImageSet train)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(BitConverter.GetBytes(train.Width));
        sha.AppendData(BitConverter.GetBytes(train.Height));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(train.Pixels.AsSpan()));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(train.Labels.AsSpan()));
        sha.AppendData("v1 128-64 5 epochs"u8);
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..24];
    }
}

/// <summary>How close generated images are to the real ones.</summary>
/// <param name="Frechet">Fréchet distance between generated images and the first half of the test images, in the domain classifier's feature space.</param>
/// <param name="Floor">The same distance between the two halves of the test images (real vs real): what a perfect generator would reach at this sample size.</param>
/// <param name="Coverage">Share of classes to which the classifier assigns at least half a uniform share (0.5 / classes) of the generated images.</param>
/// <param name="ClassifierAccuracy">The domain classifier's accuracy on the test images.</param>
/// <param name="Samples">Generated images scored (as many as the half of the test set).</param>
public sealed record GanScore(double Frechet, double Floor, double Coverage, double ClassifierAccuracy, int Samples);

/// <summary>Scores generated images against a dataset's test images.</summary>
public static class GanEvaluation
{
    /// <summary>At most this many test images per half.</summary>
    public const int MaxHalf = 2000;

    /// <summary>The real-vs-real floor: the Fréchet distance between the two halves of the test images.</summary>
    public static double Floor(DomainClassifier classifier, ImageSet test)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var (a, b) = Halves(test);
        return FrechetDistance.Compute(classifier.Features(a.Pixels), classifier.Features(b.Pixels), DomainClassifier.FeatureWidth);
    }

    /// <summary>Scores <paramref name="generated"/> ([count × pixels], count ≥ the half's size is used up to it).</summary>
    public static GanScore Score(DomainClassifier classifier, ImageSet test, double[] generated)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(generated);
        var (a, b) = Halves(test);
        var count = Math.Min(a.Count, generated.Length / test.PixelCount);
        var sample = generated.AsSpan(0, count * test.PixelCount).ToArray();
        var frechet = FrechetDistance.Compute(classifier.Features(sample), classifier.Features(a.Pixels), DomainClassifier.FeatureWidth);
        var floor = FrechetDistance.Compute(classifier.Features(a.Pixels), classifier.Features(b.Pixels), DomainClassifier.FeatureWidth);
        var counts = new int[classifier.ClassCount];
        foreach (var c in classifier.Predict(sample)) counts[c]++;
        var threshold = 0.5 * count / classifier.ClassCount;
        var coverage = counts.Count(c => c >= threshold && c > 0) / (double)classifier.ClassCount;
        return new GanScore(frechet, floor, coverage, classifier.TestAccuracy, count);
    }

    /// <summary>Images per half of <paramref name="test"/>: at most <see cref="MaxHalf"/>, at most half of it.</summary>
    public static int HalfSize(ImageSet test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Math.Min(MaxHalf, test.Count / 2);
    }

    /// <summary>Even and odd test images, at most <see cref="MaxHalf"/> each.</summary>
    public static (ImageSet A, ImageSet B) Halves(ImageSet test)
    {
        var half = HalfSize(test);
        return (test.Select(Enumerable.Range(0, half).Select(i => 2 * i).ToArray()), test.Select(Enumerable.Range(0, half).Select(i => 2 * i + 1).ToArray()));
    }
}

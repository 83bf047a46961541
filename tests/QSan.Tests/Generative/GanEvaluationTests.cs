using QSan.Data;
using QSan.Generative;
using QSan.Tests.Data;

namespace QSan.Tests.Generative;

/// <summary>How good a GAN's images are: the Fréchet distance, the real-vs-real floor and the class coverage.</summary>
public sealed class GanEvaluationTests
{
    [Fact]
    public void The_frechet_distance_of_a_set_with_itself_is_zero_and_a_shift_adds_its_squared_length()
    {
        var random = new Random(4);
        var a = new double[500 * 3];
        for (var i = 0; i < a.Length; i++) a[i] = random.NextDouble() * (1 + i % 3);
        Assert.Equal(0, FrechetDistance.Compute(a, a, 3), 9);
        var shifted = a.Select((v, i) => v + (i % 3 == 1 ? 2.0 : 0.0)).ToArray();
        Assert.Equal(4.0, FrechetDistance.Compute(a, shifted, 3), 9);
    }

    [Fact]
    public void The_frechet_distance_of_two_one_dimensional_gaussians_is_the_squared_difference_of_their_deviations()
    {
        var a = new double[] { -1, 1, -1, 1 };
        var b = a.Select(v => 3 * v).ToArray();
        // σ₁² = 4/3 and σ₂ = 3σ₁: (σ₁ − σ₂)² = 4σ₁² = 16/3.
        Assert.Equal(16.0 / 3.0, FrechetDistance.Compute(a, b, 1), 9);
    }

    [Fact]
    public void Jacobi_eigenvalues_reconstruct_a_symmetric_matrix()
    {
        double[] m = [4, 1, 2, 1, 3, 0, 2, 0, 5];
        var (values, vectors) = FrechetDistance.Jacobi(m, 3);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 3; k++) sum += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k];
                Assert.Equal(m[i * 3 + j], sum, 9);
            }
    }

    [Fact]
    public async Task Real_images_score_near_the_floor_and_cover_their_classes()
    {
        var data = await ImageDatasets.LoadAsync("digits", new ImageDataOptions(SharedDatasets.Directory));
        using var cache = new TemporaryDirectory();
        var classifier = DomainClassifier.For(data, cache.Path);
        Assert.True(classifier.TestAccuracy > 0.8, $"accuracy {classifier.TestAccuracy}");
        var (_, b) = GanEvaluation.Halves(data.Test);
        var real = GanEvaluation.Score(classifier, data.Test, b.Pixels);
        Assert.Equal(real.Floor, real.Frechet, 9);
        Assert.Equal(1.0, real.Coverage);
        var blank = GanEvaluation.Score(classifier, data.Test, new double[b.Pixels.Length]);
        Assert.True(blank.Frechet > 10 * real.Floor);
        Assert.True(blank.Coverage <= 0.1);
        Assert.Single(Directory.GetFiles(cache.Path));
    }
}

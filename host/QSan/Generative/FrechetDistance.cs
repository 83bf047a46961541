namespace QSan.Generative;

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al. 2017, the FID formula):
/// ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^{1/2}), with Tr (Σ₁Σ₂)^{1/2} = Σ √λ of Σ₁^{1/2} Σ₂ Σ₁^{1/2} (symmetric, so
/// Jacobi eigenvalues suffice).
/// </summary>
public static class FrechetDistance
{
    /// <summary>Distance between the rows of <paramref name="a"/> and of <paramref name="b"/> ([count × width] each, row-major).</summary>
    public static double Compute(double[] a, double[] b, int width)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (mu1, s1) = Moments(a, width);
        var (mu2, s2) = Moments(b, width);
        var meanTerm = 0.0;
        for (var i = 0; i < width; i++) meanTerm += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
        var root1 = SymmetricSqrt(s1, width);
        var product = Multiply(Multiply(root1, s2, width), root1, width);
        var (values, _) = Jacobi(product, width);
        var traceSqrt = values.Sum(v => Math.Sqrt(Math.Max(v, 0)));
        var trace = 0.0;
        for (var i = 0; i < width; i++) trace += s1[i * width + i] + s2[i * width + i];
        return Math.Max(0, meanTerm + trace - 2 * traceSqrt);
    }

    private static (double[] Mean, double[] Covariance) Moments(double[] x, int width)
    {
        var n = x.Length / width;
        if (n < 2) throw new ArgumentException("A Fréchet distance needs at least two samples per set.");
        var mean = new double[width];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < width; c++) mean[c] += x[r * width + c];
        for (var c = 0; c < width; c++) mean[c] /= n;
        var cov = new double[width * width];
        var centred = new double[width];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < width; c++) centred[c] = x[r * width + c] - mean[c];
            for (var i = 0; i < width; i++)
                for (var j = i; j < width; j++) cov[i * width + j] += centred[i] * centred[j];
        }
        for (var i = 0; i < width; i++)
            for (var j = i; j < width; j++) cov[j * width + i] = cov[i * width + j] /= n - 1;
        return (mean, cov);
    }

    private static double[] SymmetricSqrt(double[] m, int n)
    {
        var (values, vectors) = Jacobi(m, n);
        var result = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var s = Math.Sqrt(Math.Max(values[k], 0));
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++) result[i * n + j] += s * vectors[i * n + k] * vectors[j * n + k];
        }
        return result;
    }

    private static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < n; k++)
            {
                var aik = a[i * n + k];
                for (var j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
            }
        return c;
    }

    /// <summary>Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations.</summary>
    internal static (double[] Values, double[] Vectors) Jacobi(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        // Symmetrise against rounding.
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i] = 0.5 * (a[i * n + j] + a[j * n + i]);
        var v = new double[n * n];
        for (var i = 0; i < n; i++) v[i * n + i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            var diag = 0.0;
            for (var i = 0; i < n; i++)
            {
                diag += a[i * n + i] * a[i * n + i];
                for (var j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
            }
            if (off <= 1e-26 * Math.Max(diag, 1e-300)) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[p * n + q];
                    if (apq == 0) continue;
                    var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k * n + p];
                        var akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p * n + k];
                        var aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k * n + p];
                        var vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = a[i * n + i];
        return (values, v);
    }
}

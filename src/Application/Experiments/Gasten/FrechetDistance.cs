namespace DigitForge.Application.Experiments.Gasten;

/// <summary>Mean and covariance (N − 1 normalised, as numpy.cov) of feature rows, in float64.</summary>
public sealed record GaussianStats(double[] Mu, double[,] Sigma, int Count)
{
    public int Dimensions => Mu.Length;

    /// <summary>Statistics of <paramref name="rows"/> rows of <paramref name="width"/> features, row-major.</summary>
    public static GaussianStats Of(ReadOnlySpan<float> features, int rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        if (features.Length != (long)rows * width)
        {
            throw new ArgumentException($"{features.Length} values are not {rows} rows of {width}.", nameof(features));
        }

        double[] mu = new double[width];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                mu[j] += features[(r * width) + j];
            }
        }

        for (int j = 0; j < width; j++)
        {
            mu[j] /= rows;
        }

        var sigma = new double[width, width];
        double[] centred = new double[width];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                centred[j] = features[(r * width) + j] - mu[j];
            }

            for (int a = 0; a < width; a++)
            {
                double ca = centred[a];
                if (ca == 0)
                {
                    continue;
                }

                for (int b = a; b < width; b++)
                {
                    sigma[a, b] += ca * centred[b];
                }
            }
        }

        for (int a = 0; a < width; a++)
        {
            for (int b = a; b < width; b++)
            {
                sigma[a, b] /= rows - 1;
                sigma[b, a] = sigma[a, b];
            }
        }

        return new GaussianStats(mu, sigma, rows);
    }
}

/// <summary>
/// The Fréchet distance between two Gaussians, d² = |μ1 − μ2|² + tr Σ1 + tr Σ2 − 2 tr √(Σ1 Σ2) (FID's formula, TTUR /
/// pytorch-fid). The reference takes scipy's sqrtm of the non-symmetric Σ1 Σ2 and adds 1e-6 to the diagonals when it
/// fails; here the trace comes from symmetric eigendecompositions only, which cannot fail: with Σ1 = V Λ Vᵀ and
/// A = Σ1^½ Σ2 Σ1^½ (symmetric, positive semi-definite, similar to Σ1 Σ2), tr √(Σ1 Σ2) = Σ √λᵢ(A), negative round-off
/// eigenvalues clamped to 0. Tests cross-check it against scipy.linalg.sqrtm.
/// </summary>
public static class FrechetDistance
{
    public static double Compute(GaussianStats first, GaussianStats second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Dimensions != second.Dimensions)
        {
            throw new ArgumentException($"{first.Dimensions} and {second.Dimensions} features cannot be compared.", nameof(second));
        }

        int n = first.Dimensions;
        double meanTerm = 0;
        double traces = 0;
        for (int i = 0; i < n; i++)
        {
            double d = first.Mu[i] - second.Mu[i];
            meanTerm += d * d;
            traces += first.Sigma[i, i] + second.Sigma[i, i];
        }

        return meanTerm + traces - (2 * TraceSqrtProduct(first.Sigma, second.Sigma));
    }

    /// <summary>tr √(A B) for symmetric positive semi-definite A and B.</summary>
    public static double TraceSqrtProduct(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0);
        var (values, vectors) = SymmetricEigen.Decompose(a);
        // √A = V diag(√λ) Vᵀ
        var sqrtA = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            double s = Math.Sqrt(Math.Max(values[k], 0));
            if (s == 0)
            {
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                double vik = vectors[i, k] * s;
                for (int j = 0; j < n; j++)
                {
                    sqrtA[i, j] += vik * vectors[j, k];
                }
            }
        }

        var m = Multiply(Multiply(sqrtA, b), sqrtA);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = (m[i, j] + m[j, i]) / 2; // symmetric up to round-off
                m[i, j] = mean;
                m[j, i] = mean;
            }
        }

        var (mValues, _) = SymmetricEigen.Decompose(m, vectors: false);
        return mValues.Sum(v => Math.Sqrt(Math.Max(v, 0)));
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i, k];
                if (aik == 0)
                {
                    continue;
                }

                for (int j = 0; j < n; j++)
                {
                    c[i, j] += aik * b[k, j];
                }
            }
        }

        return c;
    }
}

/// <summary>Eigenvalues (and vectors, as columns) of a symmetric matrix by the cyclic Jacobi method (accurate, small n).</summary>
public static class SymmetricEigen
{
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix, bool vectors = true)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[vectors ? n : 0, vectors ? n : 0];
        for (int i = 0; i < v.GetLength(0); i++)
        {
            v[i, i] = 1;
        }

        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                scale += a[i, j] * a[i, j];
            }
        }

        double tolerance = 1e-30 * Math.Max(scale, double.Epsilon);
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off <= tolerance)
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p, q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    double theta = (a[q, q] - a[p, p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt((t * t) + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p];
                        double akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k];
                        double aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }

                    if (vectors)
                    {
                        for (int k = 0; k < n; k++)
                        {
                            double vkp = v[k, p];
                            double vkq = v[k, q];
                            v[k, p] = (c * vkp) - (s * vkq);
                            v[k, q] = (s * vkp) + (c * vkq);
                        }
                    }
                }
            }
        }

        double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        return (values, v);
    }
}

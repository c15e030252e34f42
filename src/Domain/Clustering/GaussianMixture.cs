using System.Numerics;
using System.Runtime.InteropServices;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Clustering;

/// <summary>A fitted Gaussian mixture: weights [k], means [k·d], covariances [k·d·d] (row-major), hard labels, fit facts.</summary>
public sealed record GaussianMixtureFit(
    int Components, int Dimensions, double[] Weights, double[] Means, double[] Covariances, int[] Labels, double LowerBound, int Iterations, bool Converged);

/// <summary>
/// A full-covariance Gaussian mixture fitted by EM, following sklearn.mixture.GaussianMixture (1.2) with
/// <c>covariance_type='full'</c>, <c>init_params='k-means++'</c>, <c>n_init=1</c>, <c>tol=1e-3</c>,
/// <c>reg_covar=1e-6</c>, <c>max_iter=100</c>. As sklearn, the k-means++ initialisation puts each component on one
/// seed point with covariance reg_covar·I, so the first E-step assigns every point to its nearest seed. Convergence:
/// the change of the mean log-likelihood (the lower bound) below <c>tol</c>. Deterministic for a seed.
/// </summary>
public static class GaussianMixture
{
    public const double Tolerance = 1e-3;
    public const double RegCovar = 1e-6;
    public const int MaxIterations = 100;
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Fits k components from k-means++ seeds drawn with <paramref name="seed"/>.</summary>
    public static GaussianMixtureFit Fit(ReadOnlySpan<float> points, int dimensions, int components, ulong seed)
    {
        double[] means = KMeansPlusPlus(points, dimensions, components, seed);
        return FitFrom(points, dimensions, means);
    }

    /// <summary>Fits from given initial means (k·d), each with covariance reg_covar·I and equal weights.</summary>
    public static GaussianMixtureFit FitFrom(ReadOnlySpan<float> points, int dimensions, double[] initialMeans)
    {
        ArgumentNullException.ThrowIfNull(initialMeans);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        int n = points.Length / dimensions;
        int k = initialMeans.Length / dimensions;
        if (n * dimensions != points.Length || k < 1 || k * dimensions != initialMeans.Length)
        {
            throw new ArgumentException("points and means must be whole rows of the given dimensions.", nameof(points));
        }

        if (n < k)
        {
            throw new ArgumentException($"{n} points cannot fit {k} components.", nameof(points));
        }

        int d = dimensions;
        double[] x = new double[points.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = points[i];
        }

        double[] weights = new double[k];
        Array.Fill(weights, 1.0 / k);
        double[] means = (double[])initialMeans.Clone();
        double[] covariances = new double[k * d * d];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
            {
                covariances[(c * d * d) + (j * d) + j] = RegCovar;
            }
        }

        double[] resp = new double[n * k];
        double lowerBound = double.NegativeInfinity;
        bool converged = false;
        int iteration = 0;
        while (iteration < MaxIterations)
        {
            iteration++;
            double previous = lowerBound;
            lowerBound = EStep(x, n, d, k, weights, means, covariances, resp);
            MStep(x, n, d, k, resp, weights, means, covariances);
            if (Math.Abs(lowerBound - previous) < Tolerance)
            {
                converged = true;
                break;
            }
        }

        // As sklearn's fit_predict: a final E-step so the labels agree with the final parameters.
        lowerBound = EStep(x, n, d, k, weights, means, covariances, resp);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < k; c++)
            {
                if (resp[(i * k) + c] > resp[(i * k) + best])
                {
                    best = c;
                }
            }

            labels[i] = best;
        }

        return new GaussianMixtureFit(k, d, weights, means, covariances, labels, lowerBound, iteration, converged);
    }

    /// <summary>Mean log-likelihood of <paramref name="points"/> under a fitted mixture (sklearn's <c>score</c>).</summary>
    public static double Score(GaussianMixtureFit fit, ReadOnlySpan<float> points)
    {
        ArgumentNullException.ThrowIfNull(fit);
        int d = fit.Dimensions;
        int n = points.Length / d;
        double[] x = new double[points.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = points[i];
        }

        return EStep(x, n, d, fit.Components, fit.Weights, fit.Means, fit.Covariances, new double[n * fit.Components]);
    }

    /// <summary>sklearn's <c>_kmeans_plusplus</c>: 2 + ⌊ln k⌋ local trials per centre, the candidate lowering the potential most wins.</summary>
    public static double[] KMeansPlusPlus(ReadOnlySpan<float> points, int dimensions, int components, ulong seed)
    {
        int d = dimensions;
        int n = points.Length / d;
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        if (n < components)
        {
            throw new ArgumentException($"{n} points cannot seed {components} components.", nameof(points));
        }

        var random = KeyedRandom.For(seed, 0x6b6d_6561_6e73_2b2b); // "kmeans++"
        int trials = 2 + (int)Math.Log(components);
        double[] centers = new double[components * d];
        int first = random.NextInt(n);
        CopyRow(points, first, d, centers, 0);
        double[] closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++)
        {
            closest[i] = SquaredDistance(points, i, d, centers, 0);
            potential += closest[i];
        }

        double[] cumulative = new double[n];
        double[] candidate = new double[n];
        double[] best = new double[n];
        for (int c = 1; c < components; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            int bestId = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                int id = Array.BinarySearch(cumulative, target);
                id = id < 0 ? ~id : id;
                id = Math.Min(id, n - 1);
                double pot = 0;
                for (int i = 0; i < n; i++)
                {
                    double dist = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double diff = points[(i * d) + j] - points[(id * d) + j];
                        dist += diff * diff;
                    }

                    candidate[i] = Math.Min(closest[i], dist);
                    pot += candidate[i];
                }

                if (pot < bestPotential)
                {
                    bestPotential = pot;
                    bestId = id;
                    Array.Copy(candidate, best, n);
                }
            }

            CopyRow(points, bestId, d, centers, c);
            Array.Copy(best, closest, n);
            potential = bestPotential;
        }

        return centers;
    }

    // Fills resp with the responsibilities; returns the mean log-likelihood (sklearn's log_prob_norm.mean()).
    private static double EStep(double[] x, int n, int d, int k, double[] weights, double[] means, double[] covariances, double[] resp)
    {
        var factors = new double[k][];
        double[] logDet = new double[k];
        for (int c = 0; c < k; c++)
        {
            factors[c] = Cholesky(covariances.AsSpan(c * d * d, d * d), d, c);
            for (int j = 0; j < d; j++)
            {
                logDet[c] += Math.Log(factors[c][(j * d) + j]);
            }
        }

        double weightSum = weights.Sum();
        double logNorm = d * Math.Log(2 * Math.PI);
        double[] rowLogs = new double[n];
        Parallel.For(0, n, () => new double[d], (i, _, z) =>
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double[] l = factors[c];
                // Forward substitution L z = x − μ gives the Mahalanobis distance |z|².
                double mahalanobis = 0;
                for (int r = 0; r < d; r++)
                {
                    double s = x[(i * d) + r] - means[(c * d) + r] - Dot(l.AsSpan(r * d, r), z.AsSpan(0, r));
                    z[r] = s / l[(r * d) + r];
                    mahalanobis += z[r] * z[r];
                }

                double value = (-0.5 * (logNorm + mahalanobis)) - logDet[c] + Math.Log(weights[c] / weightSum);
                resp[(i * k) + c] = value;
                max = Math.Max(max, value);
            }

            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                sum += Math.Exp(resp[(i * k) + c] - max);
            }

            double log = max + Math.Log(sum);
            rowLogs[i] = log;
            for (int c = 0; c < k; c++)
            {
                resp[(i * k) + c] = Math.Exp(resp[(i * k) + c] - log);
            }

            return z;
        }, _ => { });
        return rowLogs.Sum() / n;
    }

    private static void MStep(double[] x, int n, int d, int k, double[] resp, double[] weights, double[] means, double[] covariances)
    {
        Parallel.For(0, k, c =>
        {
            double nk = 10 * Epsilon;
            for (int i = 0; i < n; i++)
            {
                nk += resp[(i * k) + c];
            }

            var mean = means.AsSpan(c * d, d);
            mean.Clear();
            for (int i = 0; i < n; i++)
            {
                AddScaled(resp[(i * k) + c], x.AsSpan(i * d, d), mean);
            }

            for (int j = 0; j < d; j++)
            {
                mean[j] /= nk;
            }

            var cov = covariances.AsSpan(c * d * d, d * d);
            cov.Clear();
            double[] diff = new double[d];
            for (int i = 0; i < n; i++)
            {
                double r = resp[(i * k) + c];
                if (r == 0)
                {
                    continue;
                }

                for (int j = 0; j < d; j++)
                {
                    diff[j] = x[(i * d) + j] - mean[j];
                }

                // The lower triangle, row a += r·diff[a]·diff[0..a] (the costly O(n·d²) part, in SIMD lanes).
                for (int a = 0; a < d; a++)
                {
                    AddScaled(r * diff[a], diff.AsSpan(0, a + 1), cov.Slice(a * d, a + 1));
                }
            }

            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b <= a; b++)
                {
                    cov[(a * d) + b] /= nk;
                    cov[(b * d) + a] = cov[(a * d) + b];
                }

                cov[(a * d) + a] += RegCovar;
            }

            weights[c] = nk / n;
        });
        double total = weights.Sum();
        for (int c = 0; c < k; c++)
        {
            weights[c] /= total;
        }
    }

    // Σ a·b in SIMD lanes (the forward substitution's inner product).
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            for (int v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    // y += alpha·x in SIMD lanes.
    private static void AddScaled(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var scale = new Vector<double>(alpha);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int v = 0; v < vx.Length; v++)
            {
                vy[v] += scale * vx[v];
            }

            i = vx.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static double[] Cholesky(ReadOnlySpan<double> a, int d, int component)
    {
        double[] l = new double[d * d];
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c <= r; c++)
            {
                double s = a[(r * d) + c];
                for (int q = 0; q < c; q++)
                {
                    s -= l[(r * d) + q] * l[(c * d) + q];
                }

                if (r == c)
                {
                    if (!(s > 0))
                    {
                        throw new InvalidOperationException(
                            $"Gaussian mixture: the covariance of component {component} is not positive definite (a collapsed component; as sklearn: use fewer components or more data).");
                    }

                    l[(r * d) + r] = Math.Sqrt(s);
                }
                else
                {
                    l[(r * d) + c] = s / l[(c * d) + c];
                }
            }
        }

        return l;
    }

    private static void CopyRow(ReadOnlySpan<float> points, int row, int d, double[] destination, int at)
    {
        for (int j = 0; j < d; j++)
        {
            destination[(at * d) + j] = points[(row * d) + j];
        }
    }

    private static double SquaredDistance(ReadOnlySpan<float> points, int row, int d, double[] centers, int center)
    {
        double s = 0;
        for (int j = 0; j < d; j++)
        {
            double diff = points[(row * d) + j] - centers[(center * d) + j];
            s += diff * diff;
        }

        return s;
    }
}

using System.Globalization;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Domain.Randomness;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Gasten;

/// <summary>FID's Fréchet distance: closed forms, and the reference's scipy.linalg.sqrtm formula on the same statistics.</summary>
public sealed class FrechetDistanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Identical_statistics_are_at_distance_zero()
    {
        var stats = GaussianStats.Of(Rows(200, 8, seed: 1, shift: 0), 200, 8);
        Assert.Equal(0, FrechetDistance.Compute(stats, stats), 8);
    }

    [Fact]
    public void Diagonal_covariances_match_the_closed_form()
    {
        // N(μ1, diag(a)) vs N(μ2, diag(b)): |μ1 − μ2|² + Σ (√a − √b)².
        var a = new GaussianStats([0, 1], new double[,] { { 4, 0 }, { 0, 9 } }, 10);
        var b = new GaussianStats([3, 1], new double[,] { { 1, 0 }, { 0, 16 } }, 10);
        Assert.Equal(9 + 1 + 1, FrechetDistance.Compute(a, b), 10);
    }

    [Fact]
    public void Covariance_is_numpy_cov_with_n_minus_one()
    {
        var stats = GaussianStats.Of([1, 2, 3, 6, 5, 10], 3, 2);
        Assert.Equal([3, 6], stats.Mu);
        Assert.Equal(4, stats.Sigma[0, 0], 12);
        Assert.Equal(16, stats.Sigma[1, 1], 12);
        Assert.Equal(8, stats.Sigma[0, 1], 12);
    }

    [SkippableTheory]
    [InlineData(300, 16)]
    [InlineData(40, 64)] // fewer rows than features: singular covariances, where sqrtm needs the reference's eps fallback
    public void It_agrees_with_scipy_sqrtm(int rows, int width)
    {
        float[] x = Rows(rows, width, seed: 2, shift: 0);
        float[] y = Rows(rows, width, seed: 3, shift: 0.3f);
        double ours = FrechetDistance.Compute(GaussianStats.Of(x, rows, width), GaussianStats.Of(y, rows, width));
        PythonReference.Require(output, "numpy", "scipy");

        string dir = Path.Combine(Path.GetTempPath(), $"frechet-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "x.npy"), GastenPictures.Npy(x, rows, width));
            File.WriteAllBytes(Path.Combine(dir, "y.npy"), GastenPictures.Npy(y, rows, width));
            // pytorch-fid's calculate_frechet_distance (the reference's formula), on float64 statistics.
            string reference = PythonReference.Run(
                """
                import sys, numpy as np
                from scipy import linalg
                x = np.load(sys.argv[1] + '/x.npy').astype(np.float64); y = np.load(sys.argv[1] + '/y.npy').astype(np.float64)
                mu1, mu2 = x.mean(0), y.mean(0)
                s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
                covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
                if not np.isfinite(covmean).all():
                    offset = np.eye(s1.shape[0]) * 1e-6
                    covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
                if np.iscomplexobj(covmean):
                    covmean = covmean.real
                d = mu1 - mu2
                print(repr(float(d.dot(d) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))))
                """, dir).Trim();
            double expected = double.Parse(reference, CultureInfo.InvariantCulture);
            output.WriteLine($"ours {ours:R}, scipy {expected:R}");
            Assert.Equal(expected, ours, Math.Max(1e-6, Math.Abs(expected) * 1e-6));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] Rows(int rows, int width, ulong seed, float shift)
    {
        var random = KeyedRandom.For(seed);
        float[] mixing = new float[width * width];
        for (int i = 0; i < mixing.Length; i++)
        {
            mixing[i] = (float)random.NextNormal() / width;
        }

        float[] x = new float[rows * width];
        float[] z = new float[width];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                z[j] = (float)random.NextNormal();
            }

            for (int j = 0; j < width; j++)
            {
                float v = z[j] + shift;
                for (int k = 0; k < width; k++)
                {
                    v += mixing[(j * width) + k] * z[k];
                }

                x[(r * width) + j] = v;
            }
        }

        return x;
    }
}

using System.Globalization;
using DigitForge.Domain.Clustering;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Clustering;

/// <summary>The full-covariance EM against sklearn.mixture.GaussianMixture started from the same parameters.</summary>
public sealed class GaussianMixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void Separated_blobs_are_recovered_and_the_seed_fixes_the_fit()
    {
        var (points, truth) = ClusteringFixtures.Blobs(80, 3, 4, 0.5, 5);
        var fit = GaussianMixture.Fit(points, 4, 3, seed: 2);
        var again = GaussianMixture.Fit(points, 4, 3, seed: 2);
        Assert.Equal(fit.Labels, again.Labels);
        Assert.Equal(fit.LowerBound, again.LowerBound);
        Assert.True(fit.Converged);
        // Every true blob maps to one fitted component.
        for (int c = 0; c < 3; c++)
        {
            Assert.Single(fit.Labels.Where((_, i) => truth[i] == c).Distinct());
        }

        Assert.Equal(1.0, fit.Weights.Sum(), 10);
    }

    [SkippableTheory]
    [InlineData(4, 60, 3, 2.0)]
    [InlineData(8, 50, 6, 3.0)]
    public void The_log_likelihood_matches_sklearns_from_the_same_start(int components, int perCluster, int dimensions, double spread)
    {
        var (points, _) = ClusteringFixtures.Blobs(perCluster, components, dimensions, spread, 11);
        double[] means = GaussianMixture.KMeansPlusPlus(points, dimensions, components, 2);
        var fit = GaussianMixture.FitFrom(points, dimensions, means);
        PythonReference.Require(output, "numpy", "sklearn");
        using var dir = new TempDirectory();
        ClusteringFixtures.WriteFloats(Path.Combine(dir.Path, "x.bin"), points);
        ClusteringFixtures.WriteFloats(Path.Combine(dir.Path, "m.bin"), [.. means.Select(v => (float)v)]);
        // sklearn's own k-means++ start: each component on its seed point, covariance reg_covar·I, equal weights.
        string text = PythonReference.Run(
            """
            import sys, numpy as np
            from sklearn.mixture import GaussianMixture
            d, k = int(sys.argv[2]), int(sys.argv[3])
            x = np.fromfile(sys.argv[1] + '/x.bin', dtype=np.float32).reshape(-1, d).astype(np.float64)
            m = np.fromfile(sys.argv[1] + '/m.bin', dtype=np.float32).reshape(k, d).astype(np.float64)
            g = GaussianMixture(k, covariance_type='full', means_init=m, weights_init=np.full(k, 1.0 / k),
                                precisions_init=np.stack([np.eye(d) / 1e-6] * k), random_state=2).fit(x)
            print(repr(g.score(x)), g.n_iter_)
            """, dir.Path, dimensions.ToString(CultureInfo.InvariantCulture), components.ToString(CultureInfo.InvariantCulture));
        double[] reference = ClusteringFixtures.Numbers(text);
        output.WriteLine($"ours {fit.LowerBound} in {fit.Iterations} iterations; sklearn {reference[0]} in {reference[1]}");
        Assert.Equal(reference[0], GaussianMixture.Score(fit, points), Math.Abs(reference[0]) * 0.01);
    }
}

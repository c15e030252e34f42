using DigitForge.Domain.Clustering;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Clustering;

/// <summary>Silhouette, Calinski-Harabasz and Davies-Bouldin against sklearn.metrics on the same points and labels; medoids.</summary>
public sealed class ClusterMetricsTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_tight_far_clusters_score_near_the_ideal()
    {
        float[] points = [0, 0, 0.1f, 0, 0, 0.1f, 10, 10, 10.1f, 10, 10, 10.1f];
        int[] labels = [0, 0, 0, 1, 1, 1];
        Assert.True(ClusterMetrics.Silhouette(points, 2, labels) > 0.98);
        Assert.True(ClusterMetrics.DaviesBouldin(points, 2, labels) < 0.02);
        Assert.True(ClusterMetrics.CalinskiHarabasz(points, 2, labels) > 1000);
    }

    [Fact]
    public void The_medoid_is_the_member_with_the_least_total_distance()
    {
        float[] points = [0, 0, 1, 0, 2, 0, 10, 0, 50, 50, 51, 50];
        int[] labels = [0, 0, 0, 0, 1, 1];
        int[] medoids = ClusterMetrics.Medoids(points, 2, labels, 2);
        Assert.Equal(1, medoids[0]); // (1,0) and (2,0) both sum to 11: a tie keeps the first
        Assert.Equal(4, medoids[1]);
    }

    [Fact]
    public void One_cluster_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ClusterMetrics.Silhouette([0, 1, 2, 3], 1, [0, 0, 0, 0]));
    }

    [SkippableTheory]
    [InlineData(3, 100, 5, 1.5)]
    [InlineData(6, 40, 12, 3.0)] // overlapping clusters: negative silhouettes appear
    public void Scores_equal_sklearns(int clusters, int perCluster, int dimensions, double spread)
    {
        var (points, truth) = ClusteringFixtures.Blobs(perCluster, clusters, dimensions, spread, 3);
        // Perturb some labels so the scores are not those of perfect clusters, with a singleton cluster too.
        int[] labels = [.. truth.Select((l, i) => i % 7 == 0 ? (l + 1) % clusters : l)];
        labels[^1] = clusters;
        double[] ours =
        [
            ClusterMetrics.Silhouette(points, dimensions, labels),
            ClusterMetrics.CalinskiHarabasz(points, dimensions, labels),
            ClusterMetrics.DaviesBouldin(points, dimensions, labels),
        ];
        PythonReference.Require(output, "numpy", "sklearn");
        using var dir = new TempDirectory();
        ClusteringFixtures.WriteFloats(Path.Combine(dir.Path, "x.bin"), points);
        ClusteringFixtures.WriteInts(Path.Combine(dir.Path, "y.bin"), labels);
        string text = PythonReference.Run(
            """
            import sys, numpy as np
            from sklearn import metrics
            d = int(sys.argv[2])
            x = np.fromfile(sys.argv[1] + '/x.bin', dtype=np.float32).reshape(-1, d).astype(np.float64)
            y = np.fromfile(sys.argv[1] + '/y.bin', dtype=np.int32)
            print(repr(metrics.silhouette_score(x, y)), repr(metrics.calinski_harabasz_score(x, y)), repr(metrics.davies_bouldin_score(x, y)))
            """, dir.Path, dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double[] reference = ClusteringFixtures.Numbers(text);
        output.WriteLine($"ours {string.Join(" ", ours)}; sklearn {text}");
        Assert.Equal(reference[0], ours[0], 4);
        Assert.Equal(reference[1], ours[1], reference[1] * 1e-6);
        Assert.Equal(reference[2], ours[2], 5);
    }
}

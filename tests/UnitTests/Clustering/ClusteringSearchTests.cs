using DigitForge.Domain.Clustering;

namespace DigitForge.UnitTests.Clustering;

/// <summary>The UMAP + GMM search: seeded, within the space, and it finds well-separated clusters.</summary>
public sealed class ClusteringSearchTests
{
    [Fact]
    public void Separated_blobs_give_a_high_silhouette_and_the_same_seed_the_same_trials()
    {
        var (points, _) = ClusteringFixtures.Blobs(50, 4, 10, 0.3, 12);
        var space = new ClusteringSpace();
        var first = ClusteringSearch.Run(points, 10, space, 7, 3);
        var again = ClusteringSearch.Run(points, 10, space, 7, 3);
        Assert.Equal(first.Trials.Select(t => (t.Params, t.Silhouette)), again.Trials.Select(t => (t.Params, t.Silhouette)));
        Assert.Equal(first.Labels, again.Labels);
        Assert.Equal(7, first.Trials.Count);
        Assert.All(first.Trials, t =>
        {
            Assert.InRange(t.Params.Neighbors, space.NeighborsMin, space.NeighborsMax);
            Assert.InRange(t.Params.MinDist, space.MinDistMin, space.MinDistMax);
            Assert.InRange(t.Params.Components, space.ComponentsMin, space.ComponentsMax);
            Assert.InRange(t.Params.Clusters, space.ClustersMin, space.ClustersMax);
        });
        Assert.True(first.Silhouette > 0.5, $"best silhouette {first.Silhouette}");
        Assert.Equal(first.Best.Silhouette, first.Silhouette, 10);
        Assert.Equal(200, first.Sizes.Sum());
        int[] medoids = ClusterMetrics.Medoids(first.Reduced, first.Best.Params.Components, first.Labels, first.Clusters);
        Assert.All(medoids.Select((m, c) => (m, c)), p => Assert.Equal(p.c, first.Labels[p.m]));
    }
}

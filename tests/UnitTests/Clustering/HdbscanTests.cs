using DigitForge.Domain.Clustering;

namespace DigitForge.UnitTests.Clustering;

/// <summary>
/// HDBSCAN against small cases worked by hand (no reference implementation is installable here: Debian's scikit-learn
/// 1.2 predates sklearn.cluster.HDBSCAN and there is no python3-hdbscan package), and properties on random blobs.
/// </summary>
public sealed class HdbscanTests
{
    private static HdbscanResult Fit1D(float[] x, int minClusterSize, int minSamples, HdbscanSelection selection, double epsilon = 0) =>
        Hdbscan.Fit(x, 1, new HdbscanOptions(minClusterSize, minSamples, epsilon, selection));

    [Fact]
    public void Two_groups_and_an_outlier()
    {
        // min_samples 1: mutual reachability = distance. Single linkage: {0,1}@1, {3,4}@1, {0,1,2}@2, {0..4}@7, all@19.
        // Condensed (min_cluster_size 2): point 5 leaves the root at λ 1/19; the root splits at λ 1/7 into A = {0,1,2}
        // and B = {3,4}; A loses point 2 at λ 1/2 and points 0, 1 at λ 1; B loses 3, 4 at λ 1.
        // Stability A = (1/2 − 1/7) + 2 (1 − 1/7) = 2.071, B = 2 (1 − 1/7) = 1.714: both leaves, both kept.
        float[] x = [0, 1, 3, 10, 11, 30];
        foreach (var selection in new[] { HdbscanSelection.ExcessOfMass, HdbscanSelection.Leaf })
        {
            var result = Fit1D(x, 2, 1, selection);
            Assert.Equal([0, 0, 0, 1, 1, -1], result.Labels);
            Assert.Equal(2, result.Clusters);
        }
    }

    [Fact]
    public void Excess_of_mass_keeps_a_parent_more_stable_than_its_children_and_leaf_selection_splits_it()
    {
        // Chain distances 0.1, 0.15, 0.1, 9.65, 0.1. The root (born λ 0) splits at d 9.65 (λ 0.1036) into P = {0..3} and
        // Q = {4,5}; P splits at d 0.15 (λ 6.667) into {0,1} and {2,3}, which fall apart at λ 10.
        // Stability P = 4 (6.667 − 0.1036) = 26.25 > its children's 2 · 2 (10 − 6.667) = 13.33, so EOM keeps P;
        // the leaves are Q, {0,1}, {2,3}, labelled in the condensed tree's order (Q was made first).
        float[] x = [0f, 0.1f, 0.25f, 0.35f, 10f, 10.1f];
        Assert.Equal([0, 0, 0, 0, 1, 1], Fit1D(x, 2, 1, HdbscanSelection.ExcessOfMass).Labels);
        Assert.Equal([1, 1, 2, 2, 0, 0], Fit1D(x, 2, 1, HdbscanSelection.Leaf).Labels);

        // cluster_selection_epsilon 0.2: the leaves {0,1}, {2,3} were born at distance 0.15 < 0.2, so their parent P
        // (born at 9.65) replaces them; Q, born at 9.65, stays. With ε 10 the walk up stops below the root: still P.
        Assert.Equal([0, 0, 0, 0, 1, 1], Fit1D(x, 2, 1, HdbscanSelection.Leaf, 0.2).Labels);
        Assert.Equal([0, 0, 0, 0, 1, 1], Fit1D(x, 2, 1, HdbscanSelection.Leaf, 10).Labels);
    }

    [Fact]
    public void Core_distances_count_the_point_itself_and_shape_mutual_reachability()
    {
        // min_samples 3: the core distance is the distance to the 2nd nearest other point: 2, 1, 2, 2, 1, 2.
        float[] x = [0, 1, 2, 10, 11, 12];
        Assert.Equal(new double[] { 2, 1, 2, 2, 1, 2 }, Hdbscan.CoreDistances(x, 6, 1, 3));
        Assert.Equal(new double[6], Hdbscan.CoreDistances(x, 6, 1, 1));
        // Inside each group every mutual reachability is 2, between them 8: two clusters of 3.
        Assert.Equal([0, 0, 0, 1, 1, 1], Fit1D(x, 3, 3, HdbscanSelection.ExcessOfMass).Labels);
        // min_cluster_size 4: no split leaves two sides of 4, so only the root is left, and the root is never a
        // cluster (allow_single_cluster off): everything is noise.
        Assert.All(Fit1D(x, 4, 3, HdbscanSelection.ExcessOfMass).Labels, l => Assert.Equal(-1, l));
    }

    [Fact]
    public void Separated_blobs_are_found_with_far_outliers_as_noise_whatever_the_point_order()
    {
        var (blobs, truth) = ClusteringFixtures.Blobs(40, 3, 5, 0.15, 21);
        float[] outliers = [.. Enumerable.Range(0, 3).SelectMany(i => Enumerable.Repeat(100f + (50f * i), 5))];
        float[] points = [.. blobs, .. outliers];
        int n = truth.Length + 3;
        var result = Hdbscan.Fit(points, 5, new HdbscanOptions(5, 3));
        Assert.Equal(3, result.Clusters);
        Assert.Equal([-1, -1, -1], result.Labels[^3..]);
        // Each found cluster is one true blob (labels agree up to renaming) and no blob point is noise.
        for (int i = 0; i < truth.Length; i++)
        {
            Assert.True(result.Labels[i] >= 0, $"point {i} is noise");
            Assert.Equal(result.Labels[truth[i]], result.Labels[i]);
        }

        // The same points in reverse order: the same partition.
        float[] reversed = new float[points.Length];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(points, (n - 1 - i) * 5, reversed, i * 5, 5);
        }

        var again = Hdbscan.Fit(reversed, 5, new HdbscanOptions(5, 3));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(result.Labels[i] == result.Labels[j] && result.Labels[i] >= 0, again.Labels[n - 1 - i] == again.Labels[n - 1 - j] && again.Labels[n - 1 - i] >= 0);
            }
        }
    }

    [Fact]
    public void The_search_with_hdbscan_stays_in_its_space_and_scores_without_the_noise()
    {
        var (points, _) = ClusteringFixtures.Blobs(50, 4, 10, 0.3, 12);
        var space = ClusteringSpace.ForHdbscan();
        var result = ClusteringSearch.Run(points, 10, space, 6, 3);
        var again = ClusteringSearch.Run(points, 10, space, 6, 3);
        Assert.Equal(result.Trials.Select(t => (t.Params, t.Silhouette)), again.Trials.Select(t => (t.Params, t.Silhouette)));
        Assert.All(result.Trials, t =>
        {
            Assert.InRange(t.Params.Clusters, 3, 10);
            Assert.InRange(t.Params.Epsilon, 0, 5);
        });
        Assert.True(result.Silhouette > 0.5, $"best silhouette {result.Silhouette}");
        Assert.Equal(200, result.Sizes.Sum() + result.Noise);
        Assert.Equal(result.Noise, result.Labels.Count(l => l < 0));
        int[] medoids = DigitForge.Application.Experiments.Ambiguity.GastenAmbiguityKind.Medoids(result);
        Assert.Equal(result.Clusters, medoids.Length);
        Assert.All(medoids.Select((m, c) => (m, c)), p => Assert.Equal(p.c, result.Labels[p.m]));
    }
}

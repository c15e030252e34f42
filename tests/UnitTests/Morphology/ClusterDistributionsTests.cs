using DigitForge.Domain.Morphology.Clusters;

namespace DigitForge.UnitTests.Morphology;

public sealed class ClusterDistributionsTests
{
    [Fact]
    public void Every_cluster_draws_its_own_parameters()
    {
        var distributions = new ClusterDistributions();
        var drawn = Enumerable.Range(0, 70).Select(k => distributions.Draw(seed: 7, k)).ToList();

        // Version 1.0.0 keyed clusters by (0xC1 | k) through a 32-bit shift: 0 and 1 (and 64, 65) collided.
        Assert.Equal(drawn.Count, drawn.Distinct().Count());
    }

    [Fact]
    public void A_cluster_depends_only_on_seed_and_index()
    {
        var distributions = new ClusterDistributions();

        Assert.Equal(distributions.Draw(3, 5), distributions.Draw(3, 5));
        Assert.NotEqual(distributions.Draw(3, 5), distributions.Draw(4, 5));
    }
}

using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Randomness;

/// <summary>The bulk paths (pairs of normals, two-word doubles) draw exactly what the one-at-a-time paths draw.</summary>
public class NumPyLegacyRandomBulkTests
{
    [Theory]
    [InlineData(new[] { 72, 72 })]
    [InlineData(new[] { 73, 1, 5, 72 })] // odd lengths leave a cached normal for the next call
    [InlineData(new[] { 1, 1, 1, 0, 2 })]
    public void Randn_of_n_equals_n_single_draws_with_the_cache_carried_over(int[] lengths)
    {
        var bulk = new NumPyLegacyRandom(7);
        var single = new NumPyLegacyRandom(7);

        foreach (int length in lengths)
        {
            var values = new double[length];
            bulk.StandardNormal(values);
            Assert.Equal(Enumerable.Range(0, length).Select(_ => single.StandardNormal()), values);
            Assert.Equal(single.RandomSample(), bulk.RandomSample());
        }

        Assert.Equal(single.Generator.Draws, bulk.Generator.Draws);
    }

    [Theory]
    [InlineData(new[] { 72, 72 })]
    [InlineData(new[] { 73, 1, 5, 72 })]
    [InlineData(new[] { 1, 1, 1, 0, 2 })]
    public void Deferred_randn_gives_the_same_bits_once_the_factors_are_computed(int[] lengths)
    {
        var deferred = new NumPyLegacyRandom(11);
        var eager = new NumPyLegacyRandom(11);
        var pairs = new DeferredPolarPairs(4);
        for (int round = 0; round < 3; round++)
        {
            // A fresh pair buffer per round, like the pipeline's chunks: a cached normal must survive the switch.
            pairs.Clear();
            var recorded = new List<(double[] Expected, double[] X, int[] Pair)>();
            foreach (int length in lengths)
            {
                var expected = new double[length];
                var x = new double[length];
                var pair = new int[length];
                eager.StandardNormal(expected);
                deferred.StandardNormalDeferred(x, pair, pairs);
                recorded.Add((expected, x, pair));
                Assert.Equal(eager.RandomSample(), deferred.RandomSample());
            }

            deferred.ResolveDeferred();
            pairs.ComputeFactors(0, pairs.Count);
            foreach (var (expected, x, pair) in recorded)
            {
                Assert.Equal(expected, x.Select((value, i) => pairs.Factors[pair[i]] * value));
            }
        }

        Assert.Equal(eager.StandardNormal(), deferred.StandardNormal());
    }

    [Fact]
    public void Doubles_are_built_from_two_words_even_across_a_block_boundary()
    {
        var doubles = new Mt19937(42);
        var words = new Mt19937(42);
        _ = doubles.NextUInt32(); // odd position: every 312th double straddles two blocks

        _ = words.NextUInt32();
        for (int i = 0; i < 2000; i++)
        {
            uint a = words.NextUInt32() >> 5;
            uint b = words.NextUInt32() >> 6;
            Assert.Equal(((a * 67108864.0) + b) / 9007199254740992.0, doubles.NextDouble());
        }

        Assert.Equal(words.Draws, doubles.Draws);
    }
}

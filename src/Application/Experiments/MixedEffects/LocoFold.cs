using DigitForge.Domain.Randomness;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>
/// One leave-one-cluster-out fold (spec §2.2): cluster <see cref="HeldOut"/> is unseen; the other clusters' rows are
/// split stratified by (class, cluster) into 80 % train and 20 % test, and without <c>evaluate_test</c> a further
/// 12.5 % of train becomes validation. Row indices into the <see cref="ClusteredData"/>.
/// </summary>
public sealed record LocoFold(int HeldOut, int[] Train, int[] Validation, int[] Test, int[] Unseen)
{
    public const double TestShare = 0.2;
    public const double ValidationShare = 0.125;

    /// <summary>
    /// The fold for held-out cluster <paramref name="heldOut"/>. Each (class, cluster) stratum is shuffled by its own
    /// seeded stream and round(share x size) of it goes to the smaller part (sklearn's StratifiedShuffleSplit
    /// allocates the same shares, its rounding and permutation differ).
    /// </summary>
    public static LocoFold Make(ClusteredData data, int heldOut, bool evaluateTest, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var seen = Enumerable.Range(0, data.Rows).Where(i => data.Cluster[i] != heldOut).ToArray();
        var unseen = Enumerable.Range(0, data.Rows).Where(i => data.Cluster[i] == heldOut).ToArray();
        var (train, test) = Split(data, seen, TestShare, seed, (ulong)heldOut * 2);
        int[] validation = [];
        if (!evaluateTest)
        {
            (train, validation) = Split(data, train, ValidationShare, seed, ((ulong)heldOut * 2) + 1);
        }

        return new LocoFold(heldOut, train, validation, test, unseen);
    }

    private static (int[] Larger, int[] Smaller) Split(ClusteredData data, int[] rows, double share, ulong seed, ulong key)
    {
        var larger = new List<int>();
        var smaller = new List<int>();
        var random = KeyedRandom.For(seed, 0x6c6f_636f_0000_0000UL + key); // "loco"
        foreach (var stratum in rows.GroupBy(i => (data.Y[i], data.Cluster[i])).OrderBy(g => g.Key.Item2).ThenBy(g => g.Key.Item1))
        {
            int[] members = [.. stratum];
            for (int i = members.Length - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            int take = (int)Math.Round(members.Length * share, MidpointRounding.AwayFromZero);
            smaller.AddRange(members.Take(take));
            larger.AddRange(members.Skip(take));
        }

        larger.Sort();
        smaller.Sort();
        return ([.. larger], [.. smaller]);
    }

    /// <summary>
    /// The design matrix Z for <paramref name="rows"/>: one-hot over the seen clusters (the held-out cluster's column
    /// dropped, as the reference), all zeros for rows of the held-out cluster.
    /// </summary>
    public float[] Z(ClusteredData data, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        int width = data.Clusters - 1;
        var z = new float[rows.Count * width];
        for (int r = 0; r < rows.Count; r++)
        {
            int c = data.Cluster[rows[r]];
            if (c != HeldOut)
            {
                z[(r * width) + Column(c)] = 1;
            }
        }

        return z;
    }

    /// <summary>Z for one cluster (any number of rows): its one-hot column, or zeros for the held-out cluster.</summary>
    public float[] ZFor(int clusters, int cluster, int rows)
    {
        int width = clusters - 1;
        var z = new float[rows * width];
        if (cluster != HeldOut)
        {
            for (int r = 0; r < rows; r++)
            {
                z[(r * width) + Column(cluster)] = 1;
            }
        }

        return z;
    }

    private int Column(int cluster) => cluster < HeldOut ? cluster : cluster - 1;
}

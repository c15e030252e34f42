using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Spirals;

/// <summary>
/// The points of one split: <see cref="PointsPerCluster"/> points for each cluster, cluster after cluster, each cluster
/// ordered by class as the reference's <c>make_spirals</c> (not shuffled). Any row is computed on its own; only the
/// largest sampled angle of each (cluster, class), the reference's radius divisor, is found up front.
/// </summary>
/// <remarks>
/// Random-radius variant: class c &lt; classes-1 gets points // classes points, the last class the remainder. Confounder
/// variant: the reference generates points_per_cluster points of each class and keeps the first int(P * p_j) of class 0
/// and P - int(P * p_j) of class 1, so the divisor runs over all generated points, kept or not. Point k of class c in
/// cluster j draws from the stream keyed by its generation index, in this order: the angle (whole degrees), the two
/// coordinate noises, then each confounder.
/// </remarks>
public sealed class SpiralSplit
{
    private readonly SpiralArguments _arguments;
    private readonly ulong _seed;
    private readonly string _split;
    private readonly int[] _classZeroCounts;
    private readonly int[] _maxDegrees;

    public SpiralSplit(SpiralArguments arguments, SpiralClusterEffects effects, ulong seed, string split, int pointsPerCluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerCluster, arguments.Classes);
        _arguments = arguments;
        _seed = seed;
        _split = split;
        Effects = effects;
        PointsPerCluster = pointsPerCluster;
        Rows = checked(arguments.Clusters * pointsPerCluster);
        _ = checked(arguments.Clusters * GeneratedPerCluster);
        _classZeroCounts = new int[arguments.Clusters];
        for (int j = 0; j < _classZeroCounts.Length; j++)
        {
            _classZeroCounts[j] = arguments.Confounded ? (int)(pointsPerCluster * effects.Ratios[j]) : pointsPerCluster / arguments.Classes;
        }

        _maxDegrees = new int[arguments.Clusters * arguments.Classes];
        Parallel.For(0, _maxDegrees.Length, new ParallelOptions { CancellationToken = cancellationToken }, group =>
        {
            int cluster = group / arguments.Classes;
            int label = group % arguments.Classes;
            int max = 0;
            int generated = GeneratedCount(label);
            for (int k = 0; k < generated; k++)
            {
                max = Math.Max(max, DrawDegrees(Stream(cluster, label, k)));
            }

            _maxDegrees[group] = max;
        });
    }

    public SpiralClusterEffects Effects { get; }

    public int PointsPerCluster { get; }

    /// <summary>clusters * points per cluster.</summary>
    public int Rows { get; }

    private int GeneratedPerCluster => _arguments.Confounded ? 2 * PointsPerCluster : PointsPerCluster;

    /// <summary>Which cluster and class row <paramref name="row"/> is, and its index within that class.</summary>
    public (int Cluster, int Label, int Index) Locate(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        int cluster = row / PointsPerCluster;
        int within = row % PointsPerCluster;
        int first = _classZeroCounts[cluster];
        if (_arguments.Confounded)
        {
            return within < first ? (cluster, 0, within) : (cluster, 1, within - first);
        }

        int label = Math.Min(within / first, _arguments.Classes - 1);
        return (cluster, label, within - (label * first));
    }

    /// <summary>Writes row <paramref name="row"/>'s features (<see cref="SpiralArguments.Features"/> values) and returns its cluster and class.</summary>
    public (int Cluster, int Label) Point(int row, Span<double> features)
    {
        if (features.Length != _arguments.Features)
        {
            throw new ArgumentException($"Expected {_arguments.Features} feature values, got {features.Length}.", nameof(features));
        }

        var (cluster, label, index) = Locate(row);
        var random = Stream(cluster, label, index);
        int degrees = DrawDegrees(random);
        int max = _maxDegrees[(cluster * _arguments.Classes) + label];
        double theta = degrees * Math.PI / 180.0;
        double maxTheta = max * Math.PI / 180.0;

        // The reference divides by the largest sampled angle; when every angle is 0 (degrees = 1) it would divide 0 by 0,
        // and every point sits at the centre instead.
        double r = max == 0 ? 0.0 : theta * Effects.Radii[cluster] / maxTheta;
        double phase = 2 * Math.PI * label / _arguments.Classes;
        features[0] = (-Math.Cos(theta - phase) * r) + (_arguments.Noise * random.NextNormal());
        features[1] = (Math.Sin(theta - phase) * r) + (_arguments.Noise * random.NextNormal());
        for (int v = 2; v < features.Length; v++)
        {
            features[v] = Effects.Ratios[cluster] + (SpiralArguments.ProbeSd * random.NextNormal());
        }

        return (cluster, label);
    }

    private int GeneratedCount(int label) => _arguments.Confounded
        ? PointsPerCluster
        : label < _arguments.Classes - 1 ? PointsPerCluster / _arguments.Classes : PointsPerCluster - ((_arguments.Classes - 1) * (PointsPerCluster / _arguments.Classes));

    private KeyedRandom Stream(int cluster, int label, int index)
    {
        int classOffset = _arguments.Confounded ? label * PointsPerCluster : label * (PointsPerCluster / _arguments.Classes);
        int generation = (cluster * GeneratedPerCluster) + classOffset + index;
        return KeyedRandom.For(_seed, DatasetRowKey.For(_split, generation));
    }

    private int DrawDegrees(KeyedRandom random) => random.NextInt(_arguments.Degrees);
}

using System.Runtime.InteropServices;
using DigitForge.Domain.Spirals;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// ARMED's spirals with cluster-level random effects (DeepLearningForPrecisionHealthLab/ARMED_MixedEffectsDL,
/// <c>synthetic_dataset/spirals.py</c>): x float64 (2 [+ confounded_vars]), y int64 class, z float32 one-hot cluster
/// membership (the reference's Z), the cluster id and the cluster's radius per row; extras <c>radii</c> and
/// <c>class_ratio</c> (one per cluster).
/// </summary>
/// <remarks>
/// <c>train</c> is the reference's dataset: clusters * points_per_cluster rows, cluster after cluster, each ordered by
/// class. The optional <c>test</c> split draws new points from the same clusters (same radii and ratios), its size a
/// multiple of clusters. When a spec gives no splits, train follows the parameters (<see cref="DefaultSplitsFor"/>).
/// </remarks>
public sealed class SpiralsDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "spirals";

    private static readonly SpiralArguments Defaults = SpiralArguments.Default;

    private static readonly GeneratorParameter[] ParameterList =
    [
        GeneratorParameter.Integer(SpiralArgumentNames.Clusters, Defaults.Clusters, 1, 1000, "Clusters, each with its own random radius (the random effect)."),
        GeneratorParameter.Integer(SpiralArgumentNames.PointsPerCluster, Defaults.PointsPerCluster, 2, 100_000, "Points per cluster in train (the reference always uses 1000)."),
        GeneratorParameter.Number(SpiralArgumentNames.RadiusSd, Defaults.RadiusSd, 0, 100, "S.d. of the cluster radii around the mean radius 1 (0 with false_negatives)."),
        GeneratorParameter.Number(SpiralArgumentNames.Noise, Defaults.Noise, 0, 100, "S.d. of the Gaussian noise added to each coordinate."),
        GeneratorParameter.Integer(SpiralArgumentNames.Degrees, Defaults.Degrees, 1, 36_000, "Angles are whole degrees uniform in [0, degrees): 360 is one turn."),
        GeneratorParameter.Integer(SpiralArgumentNames.Classes, Defaults.Classes, 2, 100, "Spiral arms (classes), phases 2*pi*c/classes apart."),
        GeneratorParameter.Number(SpiralArgumentNames.ConfoundSd, Defaults.ConfoundSd, 0, 100, "> 0: confounder variant, class-0 ratio per cluster ~ clip(N(0.5, confound_sd^2), 0.1, 0.9); 2 classes only."),
        GeneratorParameter.Integer(SpiralArgumentNames.ConfoundedVars, Defaults.ConfoundedVars, 0, 100, "Confounder features ~ N(class ratio, 0.2^2) appended to x (confounder variant only)."),
        GeneratorParameter.Boolean(SpiralArgumentNames.FalseNegatives, Defaults.FalseNegatives, "Mean radius 0 instead of 1: about half the clusters get negative radii, point-reflected spirals (Simpson's paradox)."),
    ];

    public string Name => GeneratorName;

    public string Description => "ARMED spirals with cluster random effects: per-cluster radius, optional confounded class ratios and false negatives, cluster one-hot Z.";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters => ParameterList;

    public IReadOnlyList<string> SplitNames => DatasetSplitNames.TrainAndTest;

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(DatasetSplitNames.Train, Defaults.Clusters * Defaults.PointsPerCluster)];

    /// <summary>The reference's <c>--random_seed 8</c>.</summary>
    public ulong DefaultSeed => 8;

    /// <summary>Train = clusters * points_per_cluster, so a spec that changes the clusters needs no split sizes.</summary>
    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var arguments = ToArguments(parameters);
        long rows = (long)arguments.Clusters * arguments.PointsPerCluster;
        return [new(DatasetSplitNames.Train, (int)Math.Min(int.MaxValue, rows))];
    }

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var arguments = ToArguments(definition.Parameters);
        var errors = arguments.Validate()
            .Select(e => new DatasetSpecError(DatasetSpecError.ParameterField(e.Field), $"{e.Field} {e.Message}"))
            .ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        long train = (long)arguments.Clusters * arguments.PointsPerCluster;
        foreach (var split in definition.Splits)
        {
            string field = DatasetSpecError.SplitField(split.Name);
            if (split.Name == DatasetSplitNames.Train && split.Rows != train)
            {
                errors.Add(new DatasetSpecError(field, $"train holds clusters x points_per_cluster = {arguments.Clusters} x {arguments.PointsPerCluster} = {train:N0} rows, got {split.Rows:N0}; leave splits out to get it."));
            }
            else if (split.Name != DatasetSplitNames.Train && (split.Rows % arguments.Clusters != 0 || split.Rows / arguments.Clusters < arguments.Classes))
            {
                errors.Add(new DatasetSpecError(field, $"{split.Name} has the same number of points in each of the {arguments.Clusters} clusters, at least {arguments.Classes} (one per class): a multiple of {arguments.Clusters} from {arguments.Clusters * arguments.Classes}, got {split.Rows:N0}."));
            }
        }

        long generated = arguments.Confounded ? 2 * definition.TotalRows : definition.TotalRows;
        if (generated > int.MaxValue)
        {
            errors.Add(new DatasetSpecError("splits", $"Too many points: {generated:N0} generated in all."));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var arguments = ToArguments(definition.Parameters);
        var extras = new List<DatasetExtra>
        {
            new("radii", ElementType.Float64, [arguments.Clusters], "Radius of each cluster's spirals (the random effect; negative = point-reflected)."),
        };
        if (arguments.Confounded)
        {
            extras.Add(new("class_ratio", ElementType.Float64, [arguments.Clusters], "Share of class 0 in each cluster (the confounded ratio)."));
        }

        string features = arguments.Confounded ? $"(x1, x2, then {arguments.ConfoundedVars} confounders ~ N(class ratio, 0.2^2))" : "(x1, x2)";
        return new DatasetLayout(
            [
                new DatasetArray("x", ElementType.Float64, [arguments.Features], $"Features {features}."),
                new DatasetArray("y", ElementType.Int64, [], $"Class (spiral arm) 0-{arguments.Classes - 1}."),
                new DatasetArray("z", ElementType.Float32, [arguments.Clusters], "One-hot cluster membership (the reference's Z, the random-effects design)."),
                new DatasetArray("cluster", ElementType.Int64, [], "Cluster id 0-" + (arguments.Clusters - 1) + "."),
                new DatasetArray("radius", ElementType.Float64, [], "The row's cluster radius."),
            ],
            extras,
            "y",
            LabelKind.Class,
            image: null);
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => [];

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var arguments = ToArguments(definition.Parameters);
        var effects = SpiralClusterEffects.Draw(arguments, definition.Seed);
        var splits = definition.Splits
            .Select(s => new SpiralSplit(arguments, effects, definition.Seed, s.Name, Math.Max(arguments.Classes, s.Rows / arguments.Clusters), cancellationToken))
            .ToArray();
        return new Rows(Describe(definition), definition.Splits, arguments, splits, effects);
    }

    /// <summary>The reference's arguments from bound parameters.</summary>
    public static SpiralArguments ToArguments(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new SpiralArguments
        {
            Clusters = parameters.GetInt32(SpiralArgumentNames.Clusters),
            PointsPerCluster = parameters.GetInt32(SpiralArgumentNames.PointsPerCluster),
            RadiusSd = parameters.GetDouble(SpiralArgumentNames.RadiusSd),
            Noise = parameters.GetDouble(SpiralArgumentNames.Noise),
            Degrees = parameters.GetInt32(SpiralArgumentNames.Degrees),
            Classes = parameters.GetInt32(SpiralArgumentNames.Classes),
            ConfoundSd = parameters.GetDouble(SpiralArgumentNames.ConfoundSd),
            ConfoundedVars = parameters.GetInt32(SpiralArgumentNames.ConfoundedVars),
            FalseNegatives = parameters.GetBoolean(SpiralArgumentNames.FalseNegatives),
        };
    }

    private sealed class Rows(DatasetLayout layout, IReadOnlyList<DatasetSplit> splits, SpiralArguments arguments, SpiralSplit[] points, SpiralClusterEffects effects) : IDatasetRows
    {
        private readonly byte[] _radii = MemoryMarshal.AsBytes(effects.Radii.ToArray().AsSpan()).ToArray();
        private readonly byte[] _ratios = MemoryMarshal.AsBytes(effects.Ratios.ToArray().AsSpan()).ToArray();

        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => splits;

        public long MemoryCost => 4096 + (points.Length * 8L * arguments.Clusters * arguments.Classes);

        public int RowsPerTask => 2048;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var set = points[split];
            int features = arguments.Features;
            Span<double> x = stackalloc double[features];
            for (int i = 0; i < count; i++)
            {
                int row = firstRow + i;
                int target = blockRow + i;
                int cluster;
                int label;
                if (block.HasColumn(0))
                {
                    (cluster, label) = set.Point(row, x);
                    x.CopyTo(block.Row<double>(0, target));
                }
                else
                {
                    (cluster, label, _) = set.Locate(row);
                }

                if (block.HasColumn(1))
                {
                    block.Row<long>(1, target)[0] = label;
                }

                if (block.HasColumn(2))
                {
                    var z = block.Row<float>(2, target);
                    z.Clear();
                    z[cluster] = 1f;
                }

                if (block.HasColumn(3))
                {
                    block.Row<long>(3, target)[0] = cluster;
                }

                if (block.HasColumn(4))
                {
                    block.Row<double>(4, target)[0] = effects.Radii[cluster];
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => name switch
        {
            "radii" => _radii,
            "class_ratio" when arguments.Confounded => _ratios,
            _ => throw new KeyNotFoundException(name),
        };
    }
}

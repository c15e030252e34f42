using System.Runtime.InteropServices;
using DigitForge.Domain.Data;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Clusters;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// <c>morpho-clusters</c>: MNIST with clustered random effects (ARMED's generate_morpho_mnist.py, plus the blur and noise
/// its README promised). The train split is divided into K clusters, contiguous index blocks as the reference or
/// uniformly at random; each cluster draws its parameters (<see cref="ClusterDistributions"/>) and every digit of it
/// gets them in the reference's order. The test split is MNIST's test set unchanged (<c>test: reference</c>, cluster
/// -1), the same K clusters (<c>seen</c>), or extra clusters never seen in training (<c>held-out</c>).
/// </summary>
/// <remarks>
/// The reference starts from the Morpho-MNIST plain images; this generator starts from the MNIST digits themselves (its
/// first step binarises and re-smooths them anyway). Arrays: x, y, cluster, cluster_params (the row's cluster
/// parameters), status (bit flags of skipped steps: 1 thickness, 2 swelling, 4 fracture), morpho (measurements of x
/// when <c>morphometrics</c> is on, else NaN); extra <c>cluster_parameters</c> holds every cluster's parameters.
/// </remarks>
public sealed class MorphoClustersDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "morpho-clusters";
    public const string ContiguousAssignment = "contiguous";
    public const string RandomAssignment = "random";
    public const string ReferenceTest = "reference";
    public const string SeenTest = "seen";
    public const string HeldOutTest = "held-out";
    private const int Size = 28;

    private static readonly ClusterDistributions Defaults = new();

    private static readonly GeneratorParameter[] ParameterList =
    [
        GeneratorParameter.Integer("clusters", 10, 1, 10_000, "Number of training clusters K (the reference: 10)."),
        GeneratorParameter.Choice("assignment", ContiguousAssignment, [ContiguousAssignment, RandomAssignment], "contiguous: row i is in cluster floor(i K / n) as the reference's index blocks; random: uniform per row."),
        GeneratorParameter.Choice("test", ReferenceTest, [ReferenceTest, SeenTest, HeldOutTest], "Test split: reference = MNIST test images unchanged (cluster -1); seen = the training clusters; held-out = new clusters."),
        GeneratorParameter.Integer("held_out_clusters", 2, 1, 10_000, "Clusters of the test split when test = held-out (ids K .. K + n - 1)."),
        GeneratorParameter.Number("thickness_mean", Defaults.ThicknessMean, -10, 20, "Cluster target thickness ~ N(mean, sd^2), not clipped (reference)."),
        GeneratorParameter.Number("thickness_sd", Defaults.ThicknessSd, 0, 10, "S.d. of the cluster target thickness."),
        GeneratorParameter.Number("swelling_mean", Defaults.SwellingMean, -10, 20, "Cluster swelling strength ~ N(mean, sd^2) clipped to [min, max]; 0 skips swelling."),
        GeneratorParameter.Number("swelling_sd", Defaults.SwellingSd, 0, 10, "S.d. of the swelling strength."),
        GeneratorParameter.Number("swelling_min", Defaults.SwellingMin, 0, 20, "Lower clip of the swelling strength."),
        GeneratorParameter.Number("swelling_max", Defaults.SwellingMax, 0, 20, "Upper clip of the swelling strength."),
        GeneratorParameter.Number("swelling_radius", 7, 0.5, 28, "Swelling radius (fixed, reference 7)."),
        GeneratorParameter.Number("fractures_mean", Defaults.FracturesMean, -10, 50, "Cluster fractures = int(clip(N(mean, sd^2), min, max)); 0 skips fractures."),
        GeneratorParameter.Number("fractures_sd", Defaults.FracturesSd, 0, 20, "S.d. of the fracture count."),
        GeneratorParameter.Number("fractures_min", Defaults.FracturesMin, 0, 50, "Lower clip of the fracture count."),
        GeneratorParameter.Number("fractures_max", Defaults.FracturesMax, 0, 50, "Upper clip of the fracture count."),
        GeneratorParameter.Number("fracture_thickness", 1.5, 0.25, 5, "Fracture thickness (fixed, reference 1.5)."),
        GeneratorParameter.Number("blur_min", Defaults.BlurMin, 0, 5, "Cluster blur sigma ~ U(min, max), 28x28 pixels (not in the reference: documented default)."),
        GeneratorParameter.Number("blur_max", Defaults.BlurMax, 0, 5, "Upper end of the blur sigma."),
        GeneratorParameter.Number("noise_min", Defaults.NoiseMin, 0, 1, "Cluster noise s.d. ~ U(min, max), fraction of full intensity (documented default)."),
        GeneratorParameter.Number("noise_max", Defaults.NoiseMax, 0, 1, "Upper end of the noise s.d."),
        GeneratorParameter.Boolean(MorphoDatasetGenerator.MorphometricsParameter, false, "Measure every output image (the morpho array); costs one more analysis per image."),
    ];

    public string Name => GeneratorName;

    public string Description => "Morpho-MNIST with clustered random effects (ARMED): per-cluster thickness, swelling, fractures, blur and noise.";

    // 1.1.0: cluster parameters keyed by (seed, cluster) correctly; in 1.0.0 clusters 0 and 1 drew identical parameters.
    public string Version => "1.1.0";

    public IReadOnlyList<GeneratorParameter> Parameters => ParameterList;

    public IReadOnlyList<string> SplitNames => DatasetSplitNames.TrainAndTest;

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(DatasetSplitNames.Train, 60_000), new(DatasetSplitNames.Test, 10_000)];

    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters, Func<SourceImagesKey, int?> availableImages) =>
        SourceBoundSplits.Fit(DefaultSplits, "mnist", availableImages);

    public ulong DefaultSeed => 0;

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        var errors = SourceSplits.Validate(definition, Name).ToList();
        var p = definition.Parameters;
        foreach (var (min, max) in new[] { ("swelling_min", "swelling_max"), ("fractures_min", "fractures_max"), ("blur_min", "blur_max"), ("noise_min", "noise_max") })
        {
            if (p.GetDouble(min) > p.GetDouble(max))
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(min), $"{min} must not exceed {max}."));
            }
        }

        int train = definition.SplitIndex(DatasetSplitNames.Train);
        if (train >= 0 && p.GetString("assignment") == ContiguousAssignment && definition.Splits[train].Rows < p.GetInt32("clusters"))
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField("clusters"), "contiguous clusters need at least one training row each."));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new DatasetLayout(
            [
                new DatasetArray("x", ElementType.UInt8, [Size, Size], "Image, 0 = background .. 255 = ink (IDX convention)."),
                new DatasetArray("y", ElementType.UInt8, [], "Digit label 0-9 (copied from MNIST)."),
                new DatasetArray("cluster", ElementType.Int64, [], "Cluster id (the random-effects group); -1 for unchanged reference test images."),
                new DatasetArray("cluster_params", ElementType.Float64, [ClusterParameters.Count], "The row's cluster parameters: thickness, swelling_strength, fractures, blur_sigma, noise_sd (NaN for cluster -1)."),
                new DatasetArray("status", ElementType.UInt8, [], "Skipped steps (bit flags): 1 thickness, 2 swelling, 4 fracture (image did not allow them; pixels kept)."),
                new DatasetArray("morpho", ElementType.Float64, [6], "Morphometrics of x: area, length, thickness, slant, width, height (NaN unless morphometrics is on)."),
            ],
            [new DatasetExtra("cluster_parameters", ElementType.Float64, [TotalClusters(definition), ClusterParameters.Count], "Every cluster's parameters (row = cluster id): thickness, swelling_strength, fractures, blur_sigma, noise_sd.")],
            "y",
            LabelKind.Class,
            new ImageView("x", Size, Size));
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => SourceSplits.Keys(definition);

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var images = SourceSplits.Load(definition, inputs, Name);
        var distributions = Distributions(definition.Parameters);
        var clusters = Enumerable.Range(0, TotalClusters(definition)).Select(k => distributions.Draw(definition.Seed, k)).ToArray();
        return new Rows(Describe(definition), definition, images, clusters);
    }

    /// <summary>The clusters' parameters of a definition, in id order (training clusters first, then held-out ones).</summary>
    public static IReadOnlyList<ClusterParameters> ClusterTable(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var distributions = Distributions(definition.Parameters);
        return [.. Enumerable.Range(0, TotalClusters(definition)).Select(k => distributions.Draw(definition.Seed, k))];
    }

    private static int TotalClusters(DatasetDefinition definition)
    {
        var p = definition.Parameters;
        return p.GetInt32("clusters") + (p.GetString("test") == HeldOutTest ? p.GetInt32("held_out_clusters") : 0);
    }

    private static ClusterDistributions Distributions(ParameterValues p) => new()
    {
        ThicknessMean = p.GetDouble("thickness_mean"),
        ThicknessSd = p.GetDouble("thickness_sd"),
        SwellingMean = p.GetDouble("swelling_mean"),
        SwellingSd = p.GetDouble("swelling_sd"),
        SwellingMin = p.GetDouble("swelling_min"),
        SwellingMax = p.GetDouble("swelling_max"),
        FracturesMean = p.GetDouble("fractures_mean"),
        FracturesSd = p.GetDouble("fractures_sd"),
        FracturesMin = p.GetDouble("fractures_min"),
        FracturesMax = p.GetDouble("fractures_max"),
        BlurMin = p.GetDouble("blur_min"),
        BlurMax = p.GetDouble("blur_max"),
        NoiseMin = p.GetDouble("noise_min"),
        NoiseMax = p.GetDouble("noise_max"),
    };

    private sealed class Rows : IDatasetRows
    {
        private readonly DatasetDefinition _definition;
        private readonly LabeledImages[] _images;
        private readonly ClusterParameters[] _clusters;
        private readonly byte[] _table;
        private readonly int _trainClusters;
        private readonly bool _random;
        private readonly string _test;
        private readonly bool _measure;
        private readonly double _swellingRadius;
        private readonly double _fractureThickness;

        public Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, ClusterParameters[] clusters)
        {
            Layout = layout;
            _definition = definition;
            _images = images;
            _clusters = clusters;
            _table = MemoryMarshal.AsBytes(clusters.SelectMany(c => c.ToArray()).ToArray().AsSpan()).ToArray();
            var p = definition.Parameters;
            _trainClusters = p.GetInt32("clusters");
            _random = p.GetString("assignment") == RandomAssignment;
            _test = p.GetString("test");
            _measure = p.GetBoolean(MorphoDatasetGenerator.MorphometricsParameter);
            _swellingRadius = p.GetDouble("swelling_radius");
            _fractureThickness = p.GetDouble("fracture_thickness");
        }

        public DatasetLayout Layout { get; }

        public IReadOnlyList<DatasetSplit> Splits => _definition.Splits;

        public long MemoryCost => 4096 + _table.Length;

        public int RowsPerTask => 16;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = _images[split];
            var info = _definition.Splits[split];
            if (block.HasColumn(1))
            {
                source.CopyLabels(firstRow, block.Column<byte>(1).AsSpan(blockRow, count));
            }

            bool train = info.Name == DatasetSplitNames.Train;
            bool unchanged = !train && _test == ReferenceTest;
            int first = train || _test == SeenTest ? 0 : _trainClusters;
            int clusters = train || _test == SeenTest ? _trainClusters : _clusters.Length - _trainClusters;
            bool pixels = block.HasColumn(0) || block.HasColumn(4) || block.HasColumn(5);
            for (int i = 0; i < count; i++)
            {
                int row = firstRow + i;
                int b = blockRow + i;
                var random = KeyedRandom.For(_definition.Seed, DatasetRowKey.For(info.Name, row));
                // The cluster is the row's first draw (random assignment), so cluster ids alone need no image work.
                int cluster = unchanged ? -1 : first + (_random ? random.NextInt(clusters) : (int)((long)row * clusters / info.Rows));
                if (block.HasColumn(2))
                {
                    block.Row<long>(2, b)[0] = cluster;
                }

                if (block.HasColumn(3))
                {
                    var target = block.Row<double>(3, b);
                    if (cluster < 0)
                    {
                        target.Fill(double.NaN);
                    }
                    else
                    {
                        _clusters[cluster].ToArray().CopyTo(target);
                    }
                }

                if (!pixels)
                {
                    continue;
                }

                var outcome = cluster < 0
                    ? new ClusterOutcome(source.Image(row).ToArray(), 0)
                    : ClusterEffects.Apply(source.Image(row), Size, Size, _clusters[cluster], _swellingRadius, _fractureThickness, random);
                if (block.HasColumn(0))
                {
                    outcome.Pixels.CopyTo(block.Row<byte>(0, b));
                }

                if (block.HasColumn(4))
                {
                    block.Row<byte>(4, b)[0] = outcome.Skipped;
                }

                if (block.HasColumn(5))
                {
                    var m = _measure ? MorphometricsCalculator.Measure(outcome.Pixels, Size, Size) : Morphometrics.NaN;
                    var target = block.Row<double>(5, b);
                    for (int c = 0; c < 6; c++)
                    {
                        target[c] = m[c];
                    }
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => name == "cluster_parameters" ? _table : throw new KeyNotFoundException(name);
    }
}

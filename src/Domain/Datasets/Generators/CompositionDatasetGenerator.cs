using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// One composition of corruptions (e.g. <c>invert-swirl</c>, applied left to right) on every image of a source: row i
/// of a split is source image i of that split (train and valid: of the source's train images, split per class with
/// <c>valid_per_class</c> as the reference does), corrupted, as the compositional-robustness reference stores its
/// corruption folders (uint8, truncated). Random corruptions (impulse noise) draw from the row's keyed stream.
/// </summary>
public sealed class CompositionDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "composition";
    public const string SourceParameter = CorruptedImages.Source;
    public const string CompositionParameter = "composition";

    private static readonly GeneratorParameter[] ParameterList =
    [
        CorruptedImages.SourceParameter,
        GeneratorParameter.Text(CompositionParameter, "invert-swirl", "Corruptions joined by '-', applied left to right, e.g. invert-swirl or contrast-gaussian_blur:4 (name:severity; reference names like Invert-Swirl work too)."),
        CorruptedImages.ValidPerClassParameter,
    ];

    private readonly CompositionParser _parser;

    public CompositionDatasetGenerator(CorruptionRegistry corruptions)
    {
        _parser = new CompositionParser(corruptions ?? throw new ArgumentNullException(nameof(corruptions)));
    }

    public string Name => GeneratorName;

    public string Description => "One composition of corruptions (e.g. invert-swirl) applied to every image of MNIST, Fashion-MNIST, EMNIST or CIFAR-10.";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters => ParameterList;

    public IReadOnlyList<string> SplitNames => CorruptionSource.SplitNames;

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(DatasetSplitNames.Train, 60_000), new(DatasetSplitNames.Test, 10_000)];

    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters, Func<SourceImagesKey, int?> availableImages)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var source = CorruptionSource.Get(parameters.GetString(CorruptedImages.Source));
        int held = parameters.GetInt32(CorruptedImages.ValidPerClass) * source.ClassCount;
        return SourceBoundSplits.Fit(DefaultSplits, source.Name, availableImages, split => split == DatasetSplitNames.Train ? held : 0);
    }

    public ulong DefaultSeed => 0;

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        var source = CorruptedImages.SourceOf(definition);
        CorruptedImages.ValidateSplits(source, definition, _ => 1, errors);

        try
        {
            _parser.Parse(definition.Parameters.GetString(CompositionParameter));
        }
        catch (FormatException ex)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(CompositionParameter), ex.Message));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var source = CorruptedImages.SourceOf(definition);
        return new DatasetLayout(
            [
                new DatasetArray("x", ElementType.UInt8, source.ImageShape, "Corrupted image, uint8 0..255 (truncated like the reference's np.uint8)."),
                new DatasetArray("y", source.LabelType, [], $"Class label ({source.Classes})."),
            ],
            [],
            "y",
            LabelKind.Class,
            source.View("x"));
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var source = CorruptedImages.SourceOf(definition);
        return [.. definition.Splits.Select(s => source.KeyFor(s.Name)).Distinct()];
    }

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        var source = CorruptedImages.SourceOf(definition);
        var (images, maps) = CorruptedImages.Load(source, definition, inputs, definition.Parameters.GetInt32(CorruptedImages.ValidPerClass), split => split.Rows);
        var composition = _parser.Parse(definition.Parameters.GetString(CompositionParameter));
        return new Rows(Describe(definition), definition, images, maps, composition);
    }

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, int[]?[] maps, Composition composition) : IDatasetRows
    {
        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 4096;

        public int RowsPerTask => 64;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = images[split];
            var map = maps[split];
            string name = definition.Splits[split].Name;
            for (int i = 0; i < count; i++)
            {
                int image = map is null ? firstRow + i : map[firstRow + i];
                if (block.HasColumn(1))
                {
                    RowLabels.WriteClass(block, 1, blockRow + i, source.Label(image));
                }

                if (block.HasColumn(0))
                {
                    var random = KeyedRandom.For(definition.Seed, DatasetRowKey.For(name, firstRow + i));
                    CorruptedImages.Write(source, image, composition, random, block.Row<byte>(0, blockRow + i));
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => throw new KeyNotFoundException(name);
    }
}

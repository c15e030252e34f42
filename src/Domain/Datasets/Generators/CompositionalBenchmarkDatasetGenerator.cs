using System.Text;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// The compositional-robustness benchmark (see docs/datasets.md, "Corruptions and compositions") on one source: <c>train</c> (and
/// <c>valid</c>, held out per class with <c>valid_per_class</c>) holds the 7 elemental sets (identity, contrast,
/// gaussian_blur, impulse_noise, invert, rotate90, swirl) of the source's train images, <c>test</c> a list of compositions (default: the 167) of its test images. Array <c>c</c> says which
/// corruption a row has: an index into the elementals for train rows, into the composition list for test rows; the
/// names are in the extras <c>elemental_names</c> and <c>composition_names</c> (UTF-8, one per line).
/// </summary>
/// <remarks>
/// Rows are interleaved so that any prefix of a split covers every corruption evenly: row i of train is elemental
/// i mod 7 of source image i / 7, row i of test is composition i mod C of source test image i / C. The reference
/// stores each corruption in its own folder instead; its folder order is what a reader gets by sorting rows on c.
/// </remarks>
public sealed class CompositionalBenchmarkDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "compositional-benchmark";
    public const string SourceParameter = CorruptedImages.Source;
    public const string CompositionsParameter = "compositions";
    public const string ElementalNamesExtra = "elemental_names";
    public const string CompositionNamesExtra = "composition_names";

    private static readonly GeneratorParameter[] ParameterList =
    [
        CorruptedImages.SourceParameter,
        GeneratorParameter.Text(CompositionsParameter, CompositionParser.DefaultListName, "Test compositions, comma or newline separated (e.g. invert-swirl,swirl-invert); 'default' is the 167 of GET /api/compositions/default, 'reference' the 167 drawn with CPython's sampler."),
        CorruptedImages.ValidPerClassParameter,
    ];

    private readonly CorruptionRegistry _corruptions;
    private readonly CompositionParser _parser;

    public CompositionalBenchmarkDatasetGenerator(CorruptionRegistry corruptions)
    {
        _corruptions = corruptions ?? throw new ArgumentNullException(nameof(corruptions));
        _parser = new CompositionParser(corruptions);
    }

    public string Name => GeneratorName;

    public string Description => "Compositional robustness: 7 elemental corruptions as the training set, 167 (or any list of) compositions as the test set.";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters => ParameterList;

    public IReadOnlyList<string> SplitNames => CorruptionSource.SplitNames;

    /// <summary>All 7 x 60,000 MNIST train rows and 6,000 test images per default composition (167 x 10,000 exceeds the default row limit with train).</summary>
    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(DatasetSplitNames.Train, 7 * 60_000), new(DatasetSplitNames.Test, DefaultCompositions.Count * 6_000)];

    public ulong DefaultSeed => 0;

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        var source = CorruptedImages.SourceOf(definition);
        IReadOnlyList<Composition>? tests = null;
        try
        {
            tests = _parser.ParseList(definition.Parameters.GetString(CompositionsParameter));
        }
        catch (FormatException ex)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(CompositionsParameter), ex.Message));
        }

        CorruptedImages.ValidateSplits(source, definition, split => split == DatasetSplitNames.Test ? tests?.Count ?? 1 : CompositionalSet.Elementals.Count, errors);

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var source = CorruptedImages.SourceOf(definition);
        string[] elementalNames = [.. Elementals().Select(c => c.Name)];
        string[] compositionNames = [.. _parser.ParseList(definition.Parameters.GetString(CompositionsParameter)).Select(c => c.Name)];
        return new DatasetLayout(
            [
                new DatasetArray("x", ElementType.UInt8, source.ImageShape, "Corrupted image, uint8 0..255 (truncated like the reference's np.uint8)."),
                new DatasetArray("y", source.LabelType, [], $"Class label ({source.Classes})."),
                new DatasetArray("c", ElementType.Int64, [], "Corruption: index into elemental_names (train, valid) or composition_names (test)."),
            ],
            [
                DatasetExtra.Text(ElementalNamesExtra, elementalNames, "The 7 elemental corruptions of the train split (a unicode array in NPZ; UTF-8, one name per line elsewhere)."),
                DatasetExtra.Text(CompositionNamesExtra, compositionNames, "The compositions of the test split, our names joined by '-' (a unicode array in NPZ; UTF-8, one name per line elsewhere)."),
            ],
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
        var tests = _parser.ParseList(definition.Parameters.GetString(CompositionsParameter));
        var elementals = Elementals();
        var perSplit = definition.Splits.Select(s => s.Name == DatasetSplitNames.Test ? tests : elementals).ToArray();
        var (images, maps) = CorruptedImages.Load(source, definition, inputs, definition.Parameters.GetInt32(CorruptedImages.ValidPerClass), split =>
        {
            int per = split.Name == DatasetSplitNames.Test ? tests.Count : elementals.Count;
            return (split.Rows + per - 1) / per;
        });
        var extras = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [ElementalNamesExtra] = NamesText(elementals),
            [CompositionNamesExtra] = NamesText(tests),
        };
        return new Rows(Describe(definition), definition, images, maps, perSplit, extras);
    }

    private IReadOnlyList<Composition> Elementals() =>
        [.. CompositionalSet.Elementals.Select(n => { var c = _corruptions.Get(n); return new Composition([new CompositionStep(c, c.DefaultSeverity)]); })];

    private static byte[] NamesText(IReadOnlyList<Composition> compositions) =>
        Encoding.UTF8.GetBytes(string.Concat(compositions.Select(c => c.Name + "\n")));

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, int[]?[] maps, IReadOnlyList<Composition>[] compositions, Dictionary<string, byte[]> extras) : IDatasetRows
    {
        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 16_384;

        public int RowsPerTask => 64;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = images[split];
            var list = compositions[split];
            var map = maps[split];
            string name = definition.Splits[split].Name;
            for (int i = 0; i < count; i++)
            {
                int row = firstRow + i;
                int corruption = row % list.Count;
                int image = map is null ? row / list.Count : map[row / list.Count];
                if (block.HasColumn(1))
                {
                    RowLabels.WriteClass(block, 1, blockRow + i, source.Label(image));
                }

                if (block.HasColumn(2))
                {
                    block.Column<long>(2)[blockRow + i] = corruption;
                }

                if (block.HasColumn(0))
                {
                    var random = KeyedRandom.For(definition.Seed, DatasetRowKey.For(name, row));
                    CorruptedImages.Write(source, image, list[corruption], random, block.Row<byte>(0, blockRow + i));
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => extras.TryGetValue(name, out var bytes) ? bytes : throw new KeyNotFoundException(name);
    }
}

using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// One directory of MNIST-C (see docs/datasets.md, "Corruptions and compositions"): MNIST image i of a split with one
/// corruption at MNIST-C's default severity (or a chosen one), x uint8 (28, 28, 1) as the published .npy files, y the
/// uint8 class. Values are rounded as the reference notebook does (<c>np.round(x).astype(np.uint8)</c>).
/// </summary>
/// <remarks>
/// Randomness comes from <c>KeyedRandom.For(seed, DatasetRowKey.For(split, i))</c>, so rows are independent and the
/// random corruptions' draws differ from the published files (which NumPy's global generator made); the deterministic
/// ones (scale, brightness, stripe, canny_edges, identity) reproduce them.
/// </remarks>
public sealed class MnistCDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "mnist-c";
    public const string CorruptionParameter = "corruption";
    public const string SeverityParameter = "severity";
    public const string Source = "mnist";
    private const int Size = 28;

    private readonly CorruptionRegistry _corruptions;
    private readonly GeneratorParameter[] _parameters;

    public MnistCDatasetGenerator(CorruptionRegistry corruptions)
    {
        _corruptions = corruptions ?? throw new ArgumentNullException(nameof(corruptions));
        _parameters =
        [
            GeneratorParameter.Choice(CorruptionParameter, "identity", MnistCCorruptions.Names, "The MNIST-C corruption (one directory of the published set)."),
            GeneratorParameter.Integer(SeverityParameter, 0, 0, 5, "Severity 1..5 from the reference's table; 0 = MNIST-C's default for the corruption (deterministic ones have only 1)."),
        ];
    }

    public string Name => GeneratorName;

    public string Description => "MNIST-C: MNIST train and test with one of its 15 corruptions (or identity) at MNIST-C's default severity.";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters => _parameters;

    public IReadOnlyList<string> SplitNames => DatasetSplitNames.TrainAndTest;

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(DatasetSplitNames.Train, 60_000), new(DatasetSplitNames.Test, 10_000)];

    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters, Func<SourceImagesKey, int?> availableImages) =>
        SourceBoundSplits.Fit(DefaultSplits, "mnist", availableImages);

    public ulong DefaultSeed => 0;

    /// <summary>The corruption and severity a definition uses.</summary>
    public (ICorruption Corruption, int Severity) Resolve(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        string name = definition.Parameters.GetString(CorruptionParameter);
        var corruption = _corruptions.Get(name);
        int severity = definition.Parameters.GetInt32(SeverityParameter);
        return (corruption, severity == 0 ? MnistCCorruptions.DefaultSeverity(name, _corruptions) : severity);
    }

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        foreach (var split in definition.Splits)
        {
            int max = DefaultSplits.First(s => s.Name == split.Name).Rows;
            if (split.Rows > max)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"MNIST has {max:N0} {split.Name} images, got {split.Rows:N0}."));
            }
        }

        string name = definition.Parameters.GetString(CorruptionParameter);
        int severity = definition.Parameters.GetInt32(SeverityParameter);
        if (!_corruptions.TryGet(name, out var corruption))
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(CorruptionParameter), $"Unknown corruption '{name}'."));
        }
        else if (severity > corruption.MaxSeverity)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(SeverityParameter), $"{name} has severities 1..{corruption.MaxSeverity}, got {severity}."));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new DatasetLayout(
            [
                new DatasetArray("x", ElementType.UInt8, [Size, Size, 1], "Corrupted image, 0 = background .. 255 = ink, (28, 28, 1) as MNIST-C's .npy files."),
                new DatasetArray("y", ElementType.UInt8, [], "Class label 0-9."),
            ],
            [],
            "y",
            LabelKind.Class,
            new ImageView("x", Size, Size));
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => SourceSplits.Keys(definition);

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        var images = new LabeledImages[definition.Splits.Count];
        var errors = new List<DatasetSpecError>();
        for (int i = 0; i < images.Length; i++)
        {
            var split = definition.Splits[i];
            images[i] = inputs.Images(SourceImagesKey.ForSplit(Source, split.Name));
            if (images[i].Rows != Size || images[i].Cols != Size)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the MNIST {split.Name} images are {images[i].Rows}x{images[i].Cols}, expected {Size}x{Size}."));
            }
            else if (images[i].Count < split.Rows)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the data directory has {images[i].Count:N0} MNIST {split.Name} images, fewer than the {split.Rows:N0} asked for."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DatasetSpecException(errors);
        }

        var (corruption, severity) = Resolve(definition);
        return new Rows(Describe(definition), definition, images, corruption, severity);
    }

    /// <summary>Corrupts one 28x28 MNIST image into <paramref name="destination"/> (784 bytes), rounded as MNIST-C.</summary>
    public static void CorruptImage(ReadOnlySpan<byte> image, ICorruption corruption, int severity, KeyedRandom random, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(corruption);
        var raster = Raster.FromBytes(image, Size, Size, 1);
        corruption.Apply(raster, severity, random).CopyToBytesRounded(destination);
    }

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, ICorruption corruption, int severity) : IDatasetRows
    {
        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 4096;

        public int RowsPerTask => 64;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = images[split];
            if (block.HasColumn(1))
            {
                source.CopyLabels(firstRow, block.Column<byte>(1).AsSpan(blockRow, count));
            }

            if (!block.HasColumn(0))
            {
                return;
            }

            string name = definition.Splits[split].Name;
            for (int i = 0; i < count; i++)
            {
                var random = KeyedRandom.For(definition.Seed, DatasetRowKey.For(name, firstRow + i));
                CorruptImage(source.Image(firstRow + i), corruption, severity, random, block.Row<byte>(0, blockRow + i));
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => throw new KeyNotFoundException(name);
    }
}

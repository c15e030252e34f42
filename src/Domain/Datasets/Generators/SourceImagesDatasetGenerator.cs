using DigitForge.Domain.Data;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// A source dataset (MNIST, Fashion-MNIST, EMNIST balanced, CIFAR-10) as it is: row i of a split is source image i of
/// that split, x uint8 (size, size) with the IDX convention (0 = background, 255 = ink) or (size, size, 3) RGB for
/// CIFAR-10, y the uint8 class. Optionally resized and (grayscale) filtered; filters draw from the row's keyed stream, so
/// the seed only matters for random filters.
/// </summary>
/// <remarks>
/// Filters and resizing work on floats x/255 and round back to bytes (round-to-nearest inverts x/255 exactly, so an
/// identity step changes nothing); without them the source bytes are copied untouched. Sources with a <c>valid</c>
/// split (EMNIST, CIFAR-10, as the compositional-robustness reference) divide each class of the source's training
/// images in source order: the first share (5/6 for EMNIST: 2000 of 2400; 4/5 for CIFAR-10: 4000 of 5000) is
/// <c>train</c>, the rest <c>valid</c>; rows keep the source order.
/// </remarks>
public sealed class SourceImagesDatasetGenerator : IDatasetGenerator
{
    public const string SizeParameter = "size";
    public const string FiltersParameter = "filters";
    public const string ValidSplit = "valid";

    private readonly FilterRegistry _filters;
    private readonly SourceImagesFormat _format;

    public SourceImagesDatasetGenerator(string source, string description, int trainRows, int testRows, FilterRegistry filters)
        : this(source, description, [new(DatasetSplitNames.Train, trainRows), new(DatasetSplitNames.Test, testRows)], SourceImagesFormat.Mnist, filters)
    {
    }

    /// <param name="source">Generator and source name.</param>
    /// <param name="description">One line.</param>
    /// <param name="splits">Default (and largest) split sizes; a <c>valid</c> split needs <see cref="SourceImagesFormat.TrainShare"/>.</param>
    /// <param name="format">Image size, channels, classes and the train/valid share.</param>
    /// <param name="filters">The filter registry.</param>
    public SourceImagesDatasetGenerator(string source, string description, IReadOnlyList<DatasetSplit> splits, SourceImagesFormat format, FilterRegistry filters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(format);
        Name = source;
        Description = description;
        DefaultSplits = [.. splits];
        _format = format;
        SplitNames = format.TrainShare is null ? DatasetSplitNames.TrainAndTest : [DatasetSplitNames.Train, ValidSplit, DatasetSplitNames.Test];
        Parameters =
        [
            GeneratorParameter.Integer(SizeParameter, format.Side, 4, 256, $"Height and width in pixels ({format.Side} keeps the source size; others resize bilinearly)."),
            GeneratorParameter.Text(FiltersParameter, string.Empty, format.Channels == 1
                ? "Filter chain applied to each image, e.g. blur:sigma=1,distort (see the filter list)."
                : "Filter chain (grayscale filters only, so none for this RGB source: its corruptions come from the corruption generators)."),
        ];
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
    }

    public static SourceImagesDatasetGenerator Mnist(FilterRegistry filters) =>
        new("mnist", "MNIST handwritten digits as they are (60,000 train, 10,000 test), optionally resized and filtered.", 60_000, 10_000, filters);

    public static SourceImagesDatasetGenerator FashionMnist(FilterRegistry filters) =>
        new("fashion-mnist", "Fashion-MNIST clothing images as they are (60,000 train, 10,000 test), optionally resized and filtered.", 60_000, 10_000, filters);

    /// <summary>EMNIST balanced, upright: 47 classes, 2400 train images per class split 2000 train / 400 valid, 400 test per class.</summary>
    public static SourceImagesDatasetGenerator EmnistBalanced(FilterRegistry filters) =>
        new("emnist-balanced", "EMNIST balanced handwritten digits and letters, 47 classes, upright (94,000 train, 18,800 valid, 18,800 test), optionally resized and filtered.",
            [new(DatasetSplitNames.Train, 94_000), new(ValidSplit, 18_800), new(DatasetSplitNames.Test, 18_800)], SourceImagesFormat.Emnist, filters);

    /// <summary>CIFAR-10 (binary version), 32x32 RGB: 5000 train images per class split 4000 train / 1000 valid, 1000 test per class.</summary>
    public static SourceImagesDatasetGenerator Cifar10(FilterRegistry filters) =>
        new("cifar10", "CIFAR-10 32x32 colour images, 10 classes, HWC uint8 (40,000 train, 10,000 valid, 10,000 test), optionally resized.",
            [new(DatasetSplitNames.Train, 40_000), new(ValidSplit, 10_000), new(DatasetSplitNames.Test, 10_000)], SourceImagesFormat.Cifar10, filters);

    /// <summary>Also the source name in the data directory.</summary>
    public string Name { get; }

    public string Description { get; }

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters { get; }

    public IReadOnlyList<string> SplitNames { get; }

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; }

    /// <summary>The defaults capped at the images at hand; a <c>valid</c> split (EMNIST, CIFAR-10) keeps its default.</summary>
    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters, Func<SourceImagesKey, int?> availableImages) =>
        _format.TrainShare is null ? SourceBoundSplits.Fit(DefaultSplits, Name, availableImages) : DefaultSplits;

    public ulong DefaultSeed => 0;

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        foreach (var split in definition.Splits)
        {
            int max = DefaultSplits.First(s => s.Name == split.Name).Rows;
            if (split.Rows > max)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"{Name} has {max:N0} {split.Name} images, got {split.Rows:N0}."));
            }
        }

        string filters = definition.Parameters.GetString(FiltersParameter);
        if (_format.Channels != 1 && !string.IsNullOrWhiteSpace(filters))
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(FiltersParameter), $"{Name} images are RGB and filters work on grayscale images; corrupt {Name} with the corruption generators instead."));
            return errors;
        }

        try
        {
            _filters.Parse(filters);
        }
        catch (FilterSpecException ex)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(FiltersParameter), ex.Message));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        int size = definition.Parameters.GetInt32(SizeParameter);
        var image = _format.Channels == 1
            ? new DatasetArray("x", ElementType.UInt8, [size, size], "Image, 0 = background .. 255 = ink (IDX convention).")
            : new DatasetArray("x", ElementType.UInt8, [size, size, _format.Channels], "RGB image, (height, width, channel) interleaved, 0..255.");
        return new DatasetLayout(
            [
                image,
                new DatasetArray("y", ElementType.UInt8, [], $"Class label 0-{_format.Classes - 1}."),
            ],
            [],
            "y",
            LabelKind.Class,
            new ImageView("x", size, size, _format.Channels));
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. definition.Splits.Select(s => SourceKey(s.Name)).Distinct()];
    }

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        var images = new LabeledImages[definition.Splits.Count];
        var maps = new int[]?[definition.Splits.Count];
        var errors = new List<DatasetSpecError>();
        for (int i = 0; i < images.Length; i++)
        {
            var split = definition.Splits[i];
            images[i] = inputs.Images(SourceKey(split.Name));
            maps[i] = _format.TrainShare is { } share && split.Name != DatasetSplitNames.Test
                ? ClassShare(images[i], share, split.Name == DatasetSplitNames.Train)
                : null;
            int available = maps[i]?.Length ?? images[i].Count;
            if (images[i].Rows != _format.Side || images[i].Cols != _format.Side || images[i].Channels != _format.Channels)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the {Name} {split.Name} images are {images[i].Rows}x{images[i].Cols}x{images[i].Channels}, expected {_format.Side}x{_format.Side}x{_format.Channels}."));
            }
            else if (available < split.Rows)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the data directory has {available:N0} {Name} {split.Name} images, fewer than the {split.Rows:N0} asked for."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DatasetSpecException(errors);
        }

        var chain = _filters.Parse(definition.Parameters.GetString(FiltersParameter));
        return new Rows(Describe(definition), definition, images, maps, chain, definition.Parameters.GetInt32(SizeParameter), _format);
    }

    /// <summary>Source train images feed train and valid; test images every other split.</summary>
    private SourceImagesKey SourceKey(string split) =>
        _format.TrainShare is not null && split == ValidSplit ? new SourceImagesKey(Name, Test: false) : SourceImagesKey.ForSplit(Name, split);

    /// <summary>
    /// Indices of the source images in the train (or valid) share of their class: the first floor(n_c * share) images of
    /// each class c in source order, or the rest.
    /// </summary>
    private static int[] ClassShare(LabeledImages images, (int Numerator, int Denominator) share, bool train)
    {
        var labels = images.Labels;
        var perClass = new int[images.ClassCount];
        foreach (ushort label in labels)
        {
            perClass[label]++;
        }

        var seen = new int[perClass.Length];
        var indices = new List<int>(labels.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            int cut = (int)((long)perClass[label] * share.Numerator / share.Denominator);
            if ((seen[label]++ < cut) == train)
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, int[]?[] maps, IReadOnlyList<FilterInvocation> chain, int size, SourceImagesFormat format) : IDatasetRows
    {
        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 4096;

        public int RowsPerTask => chain.Count == 0 && size == format.Side ? 8192 : 64;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = images[split];
            if (maps[split] is { } map)
            {
                WriteMappedRows(split, source, map, firstRow, count, block, blockRow);
                return;
            }

            if (block.HasColumn(1))
            {
                source.CopyLabels(firstRow, block.Column<byte>(1).AsSpan(blockRow, count));
            }

            if (!block.HasColumn(0))
            {
                return;
            }

            if (chain.Count == 0 && size == format.Side)
            {
                source.Pixels.Slice(firstRow * source.ImageSize, count * source.ImageSize).CopyTo(block.Column<byte>(0).AsSpan(blockRow * source.ImageSize));
                return;
            }

            string name = definition.Splits[split].Name;
            for (int i = 0; i < count; i++)
            {
                if (format.Channels != 1)
                {
                    ResizeChannels(source.Image(firstRow + i), block.Row<byte>(0, blockRow + i));
                    continue;
                }

                var image = ToFloat(source.Image(firstRow + i));
                if (chain.Count > 0)
                {
                    var random = KeyedRandom.For(definition.Seed, DatasetRowKey.For(name, firstRow + i));
                    foreach (var filter in chain)
                    {
                        filter.Apply(image, random);
                    }
                }

                ToBytes(ImageResize.Resize(image, size, size).Pixels, block.Row<byte>(0, blockRow + i));
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => throw new KeyNotFoundException(name);

        // Rows of a train/valid share: row r is source image map[r]; the filters' stream is keyed by the row, as elsewhere.
        private void WriteMappedRows(int split, LabeledImages source, int[] map, int firstRow, int count, RowBlock block, int blockRow)
        {
            for (int i = 0; i < count; i++)
            {
                int index = map[firstRow + i];
                if (block.HasColumn(1))
                {
                    block.Column<byte>(1)[blockRow + i] = checked((byte)source.Label(index));
                }

                if (!block.HasColumn(0))
                {
                    continue;
                }

                var target = block.Row<byte>(0, blockRow + i);
                if (chain.Count == 0 && size == format.Side)
                {
                    source.Image(index).CopyTo(target);
                }
                else if (format.Channels != 1)
                {
                    ResizeChannels(source.Image(index), target);
                }
                else
                {
                    var image = ToFloat(source.Image(index));
                    var random = KeyedRandom.For(definition.Seed, DatasetRowKey.For(definition.Splits[split].Name, firstRow + i));
                    foreach (var filter in chain)
                    {
                        filter.Apply(image, random);
                    }

                    ToBytes(ImageResize.Resize(image, size, size).Pixels, target);
                }
            }
        }

        // RGB: each channel resized on its own (filters are grayscale-only and refused for colour sources).
        private void ResizeChannels(ReadOnlySpan<byte> pixels, Span<byte> destination)
        {
            int channels = format.Channels;
            var plane = new byte[format.Side * format.Side];
            var resized = new byte[size * size];
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < plane.Length; p++)
                {
                    plane[p] = pixels[(p * channels) + c];
                }

                ToBytes(ImageResize.Resize(ToFloat(plane), size, size).Pixels, resized);
                for (int p = 0; p < resized.Length; p++)
                {
                    destination[(p * channels) + c] = resized[p];
                }
            }
        }

        private GrayImage ToFloat(ReadOnlySpan<byte> pixels)
        {
            var image = new GrayImage(format.Side, format.Side);
            for (int i = 0; i < pixels.Length; i++)
            {
                image.Pixels[i] = pixels[i] / 255f;
            }

            return image;
        }

        private static void ToBytes(ReadOnlySpan<float> values, Span<byte> destination)
        {
            for (int i = 0; i < values.Length; i++)
            {
                destination[i] = (byte)Math.Clamp(MathF.Round(values[i] * 255f), 0f, 255f);
            }
        }
    }
}

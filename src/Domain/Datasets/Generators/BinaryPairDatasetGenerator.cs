using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// GASTeN's <c>BinaryDataset(pos, neg)</c> (specs/gasten.md §1) as a dataset: the images of two classes of MNIST or
/// Fashion-MNIST, <c>x</c> float32 in [-1, 1] (the reference's Normalize(0.5, 0.5)), <c>y</c> 1 for <c>pos</c> and 0 for
/// <c>neg</c> (and <c>target</c> 1.0 / 0.0 as float32, what BCE trains on), <c>digit</c> the source class and
/// <c>image</c> the source pixels (the gallery's view). The binary train set (the pair's images of the source's train
/// split, in source order) is permuted by the dataset seed: the first floor(n/6) permuted images are <c>valid</c>, the
/// rest <c>train</c> (the reference's seeded 5/6-1/6 random_split); <c>test</c> is the pair's images of the source's test
/// split, in source order.
/// </summary>
/// <remarks>
/// Split sizes follow from the source's labels, so the defaults are the whole pair as the data directory holds it
/// (<see cref="DefaultSplitsFor(ParameterValues, Func{SourceImagesKey, int?}, Func{SourceImagesKey, IReadOnlyList{int}?})"/>);
/// a spec asking for more rows than the pair has is refused when opened, naming the split and the count at hand.
/// </remarks>
public sealed class BinaryPairDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "binary-pair";
    public const string SourceParameter = "source";
    public const string PosParameter = "pos";
    public const string NegParameter = "neg";
    public const string ValidSplit = "valid";
    public const int Side = 28;

    /// <summary>Keys the seeded permutation ("gastensp"); the gasten kinds' splits were made with it before this generator.</summary>
    public const ulong SplitKey = 0x6761_7374_656e_7370;

    public static readonly IReadOnlyList<string> Sources = ["mnist", "fashion-mnist"];

    // Images per class of the official files (train, test), for the defaults when the labels cannot be read.
    private static readonly int[] MnistTrain = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly int[] MnistTest = [980, 1135, 1032, 1010, 982, 892, 1028, 1027, 974, 1009];
    private static readonly int[] FashionTrain = [.. Enumerable.Repeat(6000, 10)];
    private static readonly int[] FashionTest = [.. Enumerable.Repeat(1000, 10)];

    public string Name => GeneratorName;

    public string Description => "Two classes of MNIST or Fashion-MNIST as GASTeN's binary datasets: x in [-1, 1], y 1 for pos / 0 for neg, a seeded 5/6 train, 1/6 valid split of the pair's train images, test from the official test split.";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Choice(SourceParameter, "mnist", Sources, "Source of the two classes."),
        GeneratorParameter.Integer(PosParameter, 7, 0, 9, "Positive class (y = 1, target 1.0)."),
        GeneratorParameter.Integer(NegParameter, 1, 0, 9, "Negative class (y = 0, target 0.0)."),
    ];

    public IReadOnlyList<string> SplitNames { get; } = [DatasetSplitNames.Train, ValidSplit, DatasetSplitNames.Test];

    public IReadOnlyList<DatasetSplit> DefaultSplits => OfficialSplits("mnist", 7, 1);

    public ulong DefaultSeed => 0;

    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return OfficialSplits(parameters.GetString(SourceParameter), parameters.GetInt32(PosParameter), parameters.GetInt32(NegParameter));
    }

    /// <summary>The whole pair as the data directory holds it, from its per-class counts; the official files' otherwise.</summary>
    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(
        ParameterValues parameters, Func<SourceImagesKey, int?> availableImages, Func<SourceImagesKey, IReadOnlyList<int>?> classCounts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(classCounts);
        string source = parameters.GetString(SourceParameter);
        int pos = parameters.GetInt32(PosParameter);
        int neg = parameters.GetInt32(NegParameter);
        if (classCounts(new SourceImagesKey(source, Test: false)) is not { } train || classCounts(new SourceImagesKey(source, Test: true)) is not { } test)
        {
            return OfficialSplits(source, pos, neg);
        }

        return Splits(PairCount(train, pos, neg), PairCount(test, pos, neg));
    }

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        int pos = definition.Parameters.GetInt32(PosParameter);
        int neg = definition.Parameters.GetInt32(NegParameter);
        if (pos == neg)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(NegParameter), $"neg is the same class as pos ({pos}); a binary dataset needs two different classes."));
        }

        // The most any source split can give (the official files); the pair's exact count is checked when opened.
        foreach (var split in definition.Splits)
        {
            int max = split.Name == DatasetSplitNames.Test ? 10_000 : 60_000;
            if (split.Rows > max)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"a pair of classes has at most {max:N0} {split.Name} images, got {split.Rows:N0}."));
            }
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition) => new(
        [
            new DatasetArray("x", ElementType.Float32, [Side, Side], "Image normalised to [-1, 1] (-1 = background, 1 = ink)."),
            new DatasetArray("y", ElementType.UInt8, [], "1 for the pos class, 0 for neg."),
            new DatasetArray("target", ElementType.Float32, [], "1.0 for pos, 0.0 for neg (the BCE target)."),
            new DatasetArray("digit", ElementType.UInt8, [], "The source class."),
            new DatasetArray("image", ElementType.UInt8, [Side, Side], "The source image, 0 = background .. 255 = ink (IDX convention)."),
        ],
        [],
        "y",
        LabelKind.Class,
        new ImageView("image", Side, Side));

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        string source = definition.Parameters.GetString(SourceParameter);
        return [.. definition.Splits.Select(s => new SourceImagesKey(source, s.Name == DatasetSplitNames.Test)).Distinct()];
    }

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        string source = definition.Parameters.GetString(SourceParameter);
        int pos = definition.Parameters.GetInt32(PosParameter);
        int neg = definition.Parameters.GetInt32(NegParameter);
        var images = new LabeledImages[definition.Splits.Count];
        var maps = new int[definition.Splits.Count][];
        var errors = new List<DatasetSpecError>();
        for (int i = 0; i < images.Length; i++)
        {
            var split = definition.Splits[i];
            bool test = split.Name == DatasetSplitNames.Test;
            images[i] = inputs.Images(new SourceImagesKey(source, test));
            if (images[i].Rows != Side || images[i].Cols != Side || images[i].Channels != 1)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the {source} images are {images[i].Rows}x{images[i].Cols}x{images[i].Channels}, expected {Side}x{Side} grayscale."));
                continue;
            }

            int[] pair = PairIndices(images[i].Labels, pos, neg);
            maps[i] = test ? pair : TrainOrValid(pair, definition.Seed, split.Name == ValidSplit);
            if (maps[i].Length < split.Rows)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the data directory's {source} {pos}v{neg} pair has {maps[i].Length:N0} {split.Name} images, fewer than the {split.Rows:N0} asked for."));
            }
        }

        return errors.Count > 0 ? throw new DatasetSpecException(errors) : new Rows(Describe(definition), definition, images, maps, pos);
    }

    /// <summary>A seeded Fisher-Yates permutation of 0..n-1 (the same seed, the same split).</summary>
    public static int[] Permutation(int n, ulong seed)
    {
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = KeyedRandom.For(seed, SplitKey);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Source indices of the train (or valid) rows of a pair's train images: valid = the first n/6 permuted.</summary>
    public static int[] TrainOrValid(int[] pair, ulong seed, bool valid)
    {
        ArgumentNullException.ThrowIfNull(pair);
        int validCount = pair.Length / 6;
        int[] order = Permutation(pair.Length, seed);
        var rows = valid ? order.AsSpan(0, validCount) : order.AsSpan(validCount);
        int[] map = new int[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            map[r] = pair[rows[r]];
        }

        return map;
    }

    private static int[] PairIndices(ReadOnlySpan<ushort> labels, int pos, int neg)
    {
        var indices = new List<int>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] == pos || labels[i] == neg)
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    private static int PairCount(IReadOnlyList<int> counts, int pos, int neg) =>
        (pos < counts.Count ? counts[pos] : 0) + (neg < counts.Count ? counts[neg] : 0);

    private static IReadOnlyList<DatasetSplit> OfficialSplits(string source, int pos, int neg)
    {
        bool fashion = source == "fashion-mnist";
        return Splits(PairCount(fashion ? FashionTrain : MnistTrain, pos, neg), PairCount(fashion ? FashionTest : MnistTest, pos, neg));
    }

    private static IReadOnlyList<DatasetSplit> Splits(int train, int test) =>
        [new(DatasetSplitNames.Train, train - (train / 6)), new(ValidSplit, train / 6), new(DatasetSplitNames.Test, test)];

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, int[][] maps, int pos) : IDatasetRows
    {
        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 4096 + maps.Sum(m => (long)m.Length * sizeof(int));

        public int RowsPerTask => 4096;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = images[split];
            int[] map = maps[split];
            for (int r = 0; r < count; r++)
            {
                int index = map[firstRow + r];
                int digit = source.Label(index);
                bool isPos = digit == pos;
                if (block.HasColumn(0))
                {
                    var pixels = source.Image(index);
                    var x = block.Row<float>(0, blockRow + r);
                    for (int p = 0; p < pixels.Length; p++)
                    {
                        // The same float steps as ToTensor then Normalize(0.5, 0.5): v/255, then 2v - 1.
                        x[p] = (pixels[p] / 255f * 2f) - 1f;
                    }
                }

                if (block.HasColumn(1))
                {
                    block.Column<byte>(1)[blockRow + r] = isPos ? (byte)1 : (byte)0;
                }

                if (block.HasColumn(2))
                {
                    block.Column<float>(2)[blockRow + r] = isPos ? 1f : 0f;
                }

                if (block.HasColumn(3))
                {
                    block.Column<byte>(3)[blockRow + r] = checked((byte)digit);
                }

                if (block.HasColumn(4))
                {
                    source.Image(index).CopyTo(block.Row<byte>(4, blockRow + r));
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => throw new KeyNotFoundException(name);
    }
}

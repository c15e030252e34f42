namespace DigitForge.Domain.Data;

/// <summary>
/// A set of labelled uint8 images: row-major, 0 = background, 255 = ink for the grayscale sources (IDX files); colour
/// sources (CIFAR-10) hold <see cref="Channels"/> = 3 values per pixel, interleaved (height, width, channel) like NumPy.
/// Immutable once built; shared by all requests. Labels are 16-bit: the IDX and CIFAR sources have at most 47 classes
/// (built from bytes), FaceScrub's subset 388 (<see cref="LabelLimit"/>).
/// </summary>
public sealed class LabeledImages
{
    private readonly byte[] _pixels;
    private readonly ushort[] _labels;
    private readonly Lazy<int[][]> _indicesByLabel;

    public LabeledImages(int rows, int cols, byte[] pixels, byte[] labels)
        : this(rows, cols, 1, pixels, labels)
    {
    }

    public LabeledImages(int rows, int cols, int channels, byte[] pixels, byte[] labels)
        : this(rows, cols, channels, pixels, Widen(labels))
    {
    }

    public LabeledImages(int rows, int cols, int channels, byte[] pixels, ushort[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (pixels.LongLength != (long)labels.Length * rows * cols * channels)
        {
            throw new ArgumentException(
                $"{labels.Length} labels need {(long)labels.Length * rows * cols * channels} pixel bytes, got {pixels.LongLength}.",
                nameof(pixels));
        }

        Rows = rows;
        Cols = cols;
        Channels = channels;
        _pixels = pixels;
        _labels = labels;
        _indicesByLabel = new Lazy<int[][]>(BuildIndex);
    }

    public int Count => _labels.Length;

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>1 for grayscale, 3 for RGB (interleaved per pixel).</summary>
    public int Channels { get; }

    /// <summary>Bytes per image: Rows * Cols * Channels.</summary>
    public int ImageSize => Rows * Cols * Channels;

    /// <summary>Labels are below this (the widest source, FaceScrub, has 388 classes).</summary>
    public const int LabelLimit = ushort.MaxValue + 1;

    public ReadOnlySpan<ushort> Labels => _labels;

    /// <summary>One more than the largest label (0 when empty).</summary>
    public int ClassCount => _indicesByLabel.Value.Length;

    public ReadOnlySpan<byte> Pixels => _pixels;

    public int Label(int index) => _labels[index];

    /// <summary>
    /// Copies labels <paramref name="first"/>.. into byte columns, for the generators whose layouts store uint8 labels;
    /// a label above 255 (a source with more classes than those generators accept) is an error, never truncated.
    /// </summary>
    public void CopyLabels(int first, Span<byte> destination)
    {
        var labels = _labels.AsSpan(first, destination.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            destination[i] = checked((byte)labels[i]);
        }
    }

    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>Indices of all images with this label, ascending (empty when the label does not occur).</summary>
    public ReadOnlySpan<int> IndicesOf(int label) =>
        label >= 0 && label < _indicesByLabel.Value.Length ? _indicesByLabel.Value[label] : ReadOnlySpan<int>.Empty;

    private static ushort[] Widen(byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Array.ConvertAll(labels, l => (ushort)l);
    }

    private int[][] BuildIndex()
    {
        int classes = _labels.Length == 0 ? 0 : _labels.Max() + 1;
        var counts = new int[classes];
        foreach (ushort label in _labels)
        {
            counts[label]++;
        }

        var index = new int[classes][];
        for (int label = 0; label < classes; label++)
        {
            index[label] = new int[counts[label]];
        }

        var fill = new int[classes];
        for (int i = 0; i < _labels.Length; i++)
        {
            ushort label = _labels[i];
            index[label][fill[label]++] = i;
        }

        return index;
    }
}

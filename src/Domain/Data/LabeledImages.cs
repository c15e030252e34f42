namespace DigitForge.Domain.Data;

/// <summary>
/// A set of labelled uint8 images: row-major, 0 = background, 255 = ink for the grayscale sources (IDX files); colour
/// sources (CIFAR-10) hold <see cref="Channels"/> = 3 values per pixel, interleaved (height, width, channel) like NumPy.
/// Immutable once built; shared by all requests.
/// </summary>
public sealed class LabeledImages
{
    private readonly byte[] _pixels;
    private readonly byte[] _labels;
    private readonly Lazy<int[][]> _indicesByLabel;

    public LabeledImages(int rows, int cols, byte[] pixels, byte[] labels)
        : this(rows, cols, 1, pixels, labels)
    {
    }

    public LabeledImages(int rows, int cols, int channels, byte[] pixels, byte[] labels)
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

    public ReadOnlySpan<byte> Labels => _labels;

    public ReadOnlySpan<byte> Pixels => _pixels;

    public byte Label(int index) => _labels[index];

    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>Indices of all images with this label, ascending (empty when the label does not occur).</summary>
    public ReadOnlySpan<int> IndicesOf(int label) =>
        label is >= 0 and < 256 ? _indicesByLabel.Value[label] : ReadOnlySpan<int>.Empty;

    private int[][] BuildIndex()
    {
        var counts = new int[256];
        foreach (byte label in _labels)
        {
            counts[label]++;
        }

        var index = new int[256][];
        for (int label = 0; label < 256; label++)
        {
            index[label] = new int[counts[label]];
        }

        var fill = new int[256];
        for (int i = 0; i < _labels.Length; i++)
        {
            byte label = _labels[i];
            index[label][fill[label]++] = i;
        }

        return index;
    }
}

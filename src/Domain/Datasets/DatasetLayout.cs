namespace DigitForge.Domain.Datasets;

/// <summary>
/// What a dataset's rows hold: its per-row arrays (in bundle order), whole-dataset extras, which array is the label
/// and how it reads, and which array (if any) is an image. A pure function of the generator, its parameters and version,
/// so sizes of fixed-size bundles follow from it before anything is generated.
/// </summary>
public sealed record DatasetLayout
{
    public DatasetLayout(IReadOnlyList<DatasetArray> arrays, IReadOnlyList<DatasetExtra> extras, string labelArray, LabelKind labelKind, ImageView? image)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(extras);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelArray);
        Arrays = [.. arrays];
        Extras = [.. extras];
        LabelArrayIndex = IndexOf(labelArray);
        if (LabelArrayIndex < 0)
        {
            throw new ArgumentException($"The label array '{labelArray}' is not one of the arrays.", nameof(labelArray));
        }

        if (Arrays[LabelArrayIndex].ElementType is not (ElementType.UInt8 or ElementType.Int64))
        {
            throw new ArgumentException("Labels must be integers.", nameof(labelArray));
        }

        if (image is not null)
        {
            int index = IndexOf(image.ArrayName);
            if (index < 0 || Arrays[index].RowElements != image.Height * image.Width * image.Channels || Arrays[index].ElementType is not (ElementType.UInt8 or ElementType.Float32)
                || image.Channels is not (1 or 3) || (image.Channels == 3 && Arrays[index].ElementType != ElementType.UInt8))
            {
                throw new ArgumentException($"'{image.ArrayName}' is not a uint8 or float32 array of {image.Height}x{image.Width} (or uint8 {image.Height}x{image.Width}x3) per row.", nameof(image));
            }

            ImageArrayIndex = index;
        }

        LabelKind = labelKind;
        Image = image;
    }

    public IReadOnlyList<DatasetArray> Arrays { get; }

    public IReadOnlyList<DatasetExtra> Extras { get; }

    public int LabelArrayIndex { get; }

    public DatasetArray LabelArray => Arrays[LabelArrayIndex];

    public LabelKind LabelKind { get; }

    public ImageView? Image { get; }

    /// <summary>Index of the image array, or -1 for data without an image (1-D signals).</summary>
    public int ImageArrayIndex { get; } = -1;

    /// <summary>Bytes one row occupies across all arrays.</summary>
    public int RowBytes => Arrays.Sum(a => a.RowBytes);

    public int IndexOf(string arrayName) =>
        Arrays.Select((a, i) => (a, i)).FirstOrDefault(p => string.Equals(p.a.Name, arrayName, StringComparison.Ordinal), (null!, -1)).Item2;
}

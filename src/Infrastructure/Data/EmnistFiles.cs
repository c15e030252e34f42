namespace DigitForge.Infrastructure.Data;

/// <summary>
/// EMNIST balanced inside NIST's gzip.zip (also torchvision's source): <c>gzip/emnist-balanced-{train|test}-{images-idx3|labels-idx1}-ubyte.gz</c>,
/// 112,800 train and 18,800 test images of 47 classes. The published images are transposed (column-major); the
/// reference (compositional-robustness, via torchvision) transposes them (0, 2, 1) to upright, and so do we, once, when
/// storing them as ordinary IDX files in <c>&lt;data&gt;/emnist-balanced/</c>.
/// </summary>
public static class EmnistFiles
{
    public const int Classes = 47;
    public const string Prefix = "emnist-balanced-";

    /// <summary>The published member name (without folder), e.g. emnist-balanced-train-images-idx3-ubyte.gz.</summary>
    public static string MemberName(Application.DataSources.DataSplit split, IdxKind kind) =>
        $"{Prefix}{(split == Application.DataSources.DataSplit.Train ? "train" : "test")}-{(kind == IdxKind.Images ? "images-idx3" : "labels-idx1")}-ubyte.gz";

    /// <summary>Transposes each square image in place (rows and columns swapped).</summary>
    public static void Transpose(byte[] pixels, int side)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int size = side * side;
        for (int offset = 0; offset + size <= pixels.Length; offset += size)
        {
            var image = pixels.AsSpan(offset, size);
            for (int r = 0; r < side; r++)
            {
                for (int c = r + 1; c < side; c++)
                {
                    (image[(r * side) + c], image[(c * side) + r]) = (image[(c * side) + r], image[(r * side) + c]);
                }
            }
        }
    }
}

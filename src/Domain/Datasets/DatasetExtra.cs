namespace DigitForge.Domain.Datasets;

/// <summary>
/// A whole-dataset array that is not split into rows (e.g. MNIST-1D's time axis <c>t</c>); bundles carry it once,
/// next to the split arrays.
/// </summary>
/// <param name="Name">Array name.</param>
/// <param name="ElementType">Element type of the raw bytes.</param>
/// <param name="Shape">Shape of the raw bytes.</param>
/// <param name="Description">One line.</param>
/// <param name="Lines">
/// For text (names, one per line): the lines themselves. The raw bytes stay UTF-8 lines; NPZ bundles store such an
/// extra as a NumPy unicode array (<c>&lt;U<i>n</i></c>, one element per line), which is how NumPy users hold names.
/// </param>
public sealed record DatasetExtra(string Name, ElementType ElementType, IReadOnlyList<int> Shape, string Description, IReadOnlyList<string>? Lines = null)
{
    /// <summary>A text extra: UTF-8 lines as bytes, <paramref name="lines"/> for the NPZ's unicode array.</summary>
    public static DatasetExtra Text(string name, IReadOnlyList<string> lines, string description)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int bytes = System.Text.Encoding.UTF8.GetByteCount(string.Concat(lines.Select(l => l + "\n")));
        return new DatasetExtra(name, ElementType.UInt8, [bytes], description, lines);
    }

    public long ByteLength => Shape.Aggregate((long)ElementTypeInfo.SizeOf(ElementType), (total, d) => checked(total * d));
}

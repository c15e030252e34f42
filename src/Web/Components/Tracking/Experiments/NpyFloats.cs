using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>A float32 NPY array (little-endian '&lt;f4', C order, format 1.0 or 2.0) with its shape, as the kinds write them.</summary>
public sealed partial record NpyFloats(IReadOnlyList<int> Shape, float[] Data)
{
    /// <summary>The array, or null when the bytes are not a little-endian float32 NPY file.</summary>
    public static NpyFloats? Parse(byte[]? bytes)
    {
        if (bytes is null || bytes.Length < 12 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            return null;
        }

        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int start = major == 1 ? 10 : 12;
        if (start + headerLength > bytes.Length)
        {
            return null;
        }

        string header = Encoding.ASCII.GetString(bytes, start, headerLength);
        var shapeMatch = ShapePattern().Match(header);
        if (!header.Contains("'<f4'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal) || !shapeMatch.Success)
        {
            return null;
        }

        int[] shape = [.. shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture))];
        long count = shape.Aggregate(1L, (a, b) => a * b);
        int offset = start + headerLength;
        if (offset + (count * 4) > bytes.Length)
        {
            return null;
        }

        float[] data = new float[count];
        for (int i = 0; i < count; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (i * 4)));
        }

        return new NpyFloats(shape, data);
    }

    /// <summary>Item <paramref name="index"/> along the first axis (e.g. one 28x28 map of [n, 28, 28]).</summary>
    public ReadOnlySpan<float> Item(int index)
    {
        int size = Shape.Skip(1).Aggregate(1, (a, b) => a * b);
        return Data.AsSpan(index * size, size);
    }

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

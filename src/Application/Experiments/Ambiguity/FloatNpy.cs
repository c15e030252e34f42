using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace DigitForge.Application.Experiments.Ambiguity;

/// <summary>
/// Reads back the little-endian float32, C-order NPY files the experiments write (<c>GastenPictures.Npy</c>): the shape
/// alone, or the data. Anything else is an <see cref="InvalidDataException"/> (Infrastructure has the general reader;
/// Application may not reference it).
/// </summary>
public static class FloatNpy
{
    public static int[] ReadShape(Stream stream) => ReadHeader(stream).Shape;

    public static (int[] Shape, float[] Data) Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (shape, _) = ReadHeader(stream);
        long count = shape.Aggregate(1L, (a, d) => a * d);
        float[] data = new float[checked((int)count)];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return (shape, data);
    }

    private static (int[] Shape, int HeaderBytes) ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] prefix = new byte[10];
        stream.ReadExactly(prefix);
        if (prefix[0] != 0x93 || Encoding.ASCII.GetString(prefix, 1, 5) != "NUMPY" || prefix[6] != 1)
        {
            throw new InvalidDataException("Not a version-1 NPY file.");
        }

        int length = prefix[8] | (prefix[9] << 8);
        byte[] headerBytes = new byte[length];
        stream.ReadExactly(headerBytes);
        string header = Encoding.ASCII.GetString(headerBytes);
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || !header.Contains("'fortran_order': False", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Not a C-order float32 NPY file: {header.Trim()}");
        }

        int open = header.IndexOf("'shape': (", StringComparison.Ordinal) + 10;
        int close = header.IndexOf(')', open);
        int[] shape = [.. header[open..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))];
        return (shape, 10 + length);
    }
}

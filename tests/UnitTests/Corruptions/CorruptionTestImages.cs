using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Images for the corruption tests: real MNIST digits when the data directory has them (DIGITFORGE_DATA_DIR or
/// ~/.cache/digitforge, as imported by `digitforge data import`), always a drawn digit-like stroke image, random grey
/// images and a random RGB image the size of CIFAR-10.
/// </summary>
internal static class CorruptionTestImages
{
    public const int Size = 28;

    public static IReadOnlyList<(string Name, byte[] Pixels, int Height, int Width, int Channels)> All()
    {
        var images = new List<(string, byte[], int, int, int)>();
        foreach (var (index, digit) in RealDigits(4))
        {
            images.Add(($"mnist[{index}]", digit, Size, Size, 1));
        }

        images.Add(("stroke", Stroke(), Size, Size, 1));
        images.Add(("random-gray", RandomBytes(Size * Size, 1), Size, Size, 1));
        images.Add(("random-rgb", RandomBytes(32 * 32 * 3, 2), 32, 32, 3));
        images.Add(("random-24x28", RandomBytes(24 * 28, 3), 24, 28, 1));
        return images;
    }

    public static Raster Digit() => Raster.FromBytes(RealDigits(1).Select(d => d.Pixels).FirstOrDefault() ?? Stroke(), Size, Size, 1);

    /// <summary>A "7": two thick anti-aliased strokes, 0 background, 255 ink, soft edges.</summary>
    public static byte[] Stroke()
    {
        var pixels = new byte[Size * Size];
        for (int row = 0; row < Size; row++)
        {
            for (int col = 0; col < Size; col++)
            {
                double top = Math.Max(Math.Abs(row - 6.0) - 1.5, 0) + Math.Max(Math.Max(7 - col, col - 21), 0);
                double t = Math.Clamp((row - 6.0) / 16.0, 0, 1);
                double diagonalCol = 21 - (t * 9);
                double diagonal = Math.Abs(col - diagonalCol) - 1.5 + Math.Max(Math.Max(6 - row, row - 23), 0);
                double distance = Math.Max(Math.Min(top, diagonal), 0);
                pixels[(row * Size) + col] = (byte)Math.Clamp(255 * (1.5 - distance), 0, 255);
            }
        }

        return pixels;
    }

    public static byte[] RandomBytes(int count, ulong seed)
    {
        var random = KeyedRandom.For(seed, 77);
        var bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            bytes[i] = (byte)random.NextInt(256);
        }

        return bytes;
    }

    private static IEnumerable<(int Index, byte[] Pixels)> RealDigits(int count)
    {
        string root = Environment.GetEnvironmentVariable("DIGITFORGE_DATA_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "digitforge");
        string file = Path.Combine(root, "mnist", "train-images-idx3-ubyte");
        if (!File.Exists(file) || new FileInfo(file).Length < 16 + (count * Size * Size))
        {
            yield break;
        }

        using var stream = File.OpenRead(file);
        var buffer = new byte[16 + (count * Size * Size)];
        stream.ReadExactly(buffer);
        for (int i = 0; i < count; i++)
        {
            yield return (i, buffer.AsSpan(16 + (i * Size * Size), Size * Size).ToArray());
        }
    }
}

using DigitForge.Domain.Corruptions;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Digit-like 28x28 test images: anti-aliased strokes (a ring, a bar, a slanted stroke) drawn here, plus the first real
/// MNIST training digits when the data directory has them (DIGITFORGE_DATA_DIR or ~/.cache/digitforge).
/// </summary>
internal static class MnistCTestImages
{
    public const int Size = 28;

    public static byte[][] Digits(int realCount = 12)
    {
        var images = new List<byte[]>
        {
            Draw((r, c) => Math.Abs(Math.Sqrt(((r - 14) * (r - 14) / 1.6) + ((c - 13.5) * (c - 13.5))) - 7)),
            Draw((r, c) => r is < 5 or > 23 ? 99 : Math.Abs(c - 15.2)),
            Draw((r, c) => r is < 4 or > 24 ? 99 : Math.Abs(c - 8 - ((24 - r) * 0.45))),
        };
        images.AddRange(RealDigits(realCount));
        return [.. images];
    }

    public static Raster ToRaster(byte[] image) => Raster.FromBytes(image, Size, Size, 1);

    public static IEnumerable<byte[]> RealDigits(int count)
    {
        string dir = Environment.GetEnvironmentVariable("DIGITFORGE_DATA_DIR") is { Length: > 0 } d
            ? d
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "digitforge");
        string file = Path.Combine(dir, "mnist", "train-images-idx3-ubyte");
        if (!File.Exists(file))
        {
            yield break;
        }

        using var stream = File.OpenRead(file);
        stream.Seek(16, SeekOrigin.Begin);
        for (int i = 0; i < count; i++)
        {
            var image = new byte[Size * Size];
            stream.ReadExactly(image);
            yield return image;
        }
    }

    /// <summary>Ink 255 where the distance to the stroke centre line is under 1.5 px, fading to 0 at 2.5 px.</summary>
    private static byte[] Draw(Func<double, double, double> distance)
    {
        var image = new byte[Size * Size];
        for (int r = 0; r < Size; r++)
        {
            for (int c = 0; c < Size; c++)
            {
                double d = distance(r, c);
                image[(r * Size) + c] = (byte)Math.Round(255 * Math.Clamp(2.5 - d, 0, 1));
            }
        }

        return image;
    }
}

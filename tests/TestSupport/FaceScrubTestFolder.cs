using SkiaSharp;

namespace DigitForge.TestSupport;

/// <summary>
/// Writes FaceScrub-style folders for the import tests: <c>&lt;identity&gt;_&lt;n&gt;.jpg</c> JPEGs encoded with
/// SkiaSharp. Image n of an identity is flat colour (R = 20 + 40 * (identity - 100) mod 200, G = 2 n, B = 90) except a
/// dark top row and left column, so that after JPEG decoding a test can tell the identity, the image number and
/// whether the crop kept the top-left corner.
/// </summary>
public static class FaceScrubTestFolder
{
    public static byte Red(int identity) => (byte)(20 + (40 * (identity - 100) % 200));

    public static byte Green(int n) => (byte)(2 * n);

    public const byte Blue = 90;

    /// <summary>Writes images 1..<paramref name="count"/> of <paramref name="identity"/>, <paramref name="side"/> pixels square.</summary>
    public static void WriteIdentity(string folder, int identity, int count, int side = 101)
    {
        Directory.CreateDirectory(folder);
        for (int n = 1; n <= count; n++)
        {
            WriteJpeg(Path.Combine(folder, $"{identity}_{n}.jpg"), side, side, Red(identity), Green(n), Blue);
        }
    }

    /// <summary>One JPEG of a flat colour with a dark top row and left column.</summary>
    public static void WriteJpeg(string path, int width, int height, byte r, byte g, byte b)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(r, g, b));
            using var dark = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(0, 0, width, 1, dark);
            canvas.DrawRect(0, 0, 1, height, dark);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A JPEG of random pixels (for comparing decoders byte for byte).</summary>
    public static void WriteNoise(string path, int side, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[side * side * 4];
        random.NextBytes(pixels);
        for (int i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        File.WriteAllBytes(path, data.ToArray());
    }
}

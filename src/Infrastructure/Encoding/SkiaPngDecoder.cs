using DigitForge.Application.Common;
using SkiaSharp;

namespace DigitForge.Infrastructure.Encoding;

/// <summary>
/// Decodes uploaded PNGs with SkiaSharp (libpng, fuzzed upstream by OSS-Fuzz) to grey levels: every PNG a user may
/// save (grey, RGB, palette, with alpha, 16-bit, interlaced), where our own decoder reads only 8-bit grey and RGB.
/// The pixel limit is checked from the header before anything is inflated. Pixels are read as stored (no colour
/// space conversion); transparent pixels are composited over black (the digits' background); RGB is averaged as
/// <see cref="PngImage.ToGray"/> (Morpho-MNIST's reading), so 8-bit grey and RGB files give the same grey levels as
/// our decoder. Measured against it in bench/README.md ("PNG codec").
/// </summary>
public static class SkiaPngDecoder
{
    public static DecodedImage DecodeGray(ReadOnlySpan<byte> png, long maxPixels)
    {
        if (png.Length < PngChunks.Signature.Length || !png[..PngChunks.Signature.Length].SequenceEqual(PngChunks.Signature))
        {
            throw new InvalidDataException("Not a PNG file: the 8-byte PNG signature is missing.");
        }

        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            throw new InvalidDataException("The PNG header (IHDR) cannot be read.");
        }

        int width = codec.Info.Width, height = codec.Info.Height;
        if ((long)width * height > maxPixels)
        {
            throw new InvalidDataException($"The image is {width}x{height} pixels, more than the limit of {maxPixels}.");
        }

        bool grey = codec.Info.ColorType == SKColorType.Gray8 && codec.Info.AlphaType == SKAlphaType.Opaque;
        var info = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, grey ? SKAlphaType.Opaque : SKAlphaType.Premul);
        byte[] pixels = new byte[info.BytesSize];
        var result = codec.GetPixels(info, pixels);
        if (result != SKCodecResult.Success)
        {
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? "The PNG is truncated or its image data is corrupt."
                : $"The PNG image data cannot be decoded ({result}).");
        }

        if (grey)
        {
            return new DecodedImage(height, width, pixels);
        }

        var gray = new byte[width * height];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)((pixels[4 * i] + pixels[(4 * i) + 1] + pixels[(4 * i) + 2] + 1) / 3);
        }

        return new DecodedImage(height, width, gray);
    }
}

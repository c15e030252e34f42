using SkiaSharp;

namespace DigitForge.Infrastructure.Data.FaceScrub;

/// <summary>
/// One face file to 100x100 RGB bytes (HWC) with SkiaSharp's JPEG decoder (libjpeg-turbo, as PIL's): 100x100 as is,
/// 101x101 cropped to its top-left 100x100 like the reference; any other size, or a file that does not decode, is an
/// <see cref="InvalidDataException"/> naming the file. Greyscale JPEGs come out with three equal channels.
/// </summary>
public static class FaceScrubJpeg
{
    public static void Decode(string file, Span<byte> rgb)
    {
        if (rgb.Length != FaceScrubLayout.ImageBytes)
        {
            throw new ArgumentException($"Needs {FaceScrubLayout.ImageBytes} bytes.", nameof(rgb));
        }

        using var stream = File.OpenRead(file);
        using var codec = SKCodec.Create(stream, out SKCodecResult opened)
            ?? throw new InvalidDataException($"{file}: not a readable image ({opened}).");
        int width = codec.Info.Width, height = codec.Info.Height;
        bool accepted = (width == FaceScrubLayout.Side && height == FaceScrubLayout.Side)
                        || (width == FaceScrubLayout.UncroppedSide && height == FaceScrubLayout.UncroppedSide);
        if (!accepted)
        {
            throw new InvalidDataException(
                $"{file}: {width}x{height} pixels; FaceScrub faces are {FaceScrubLayout.Side}x{FaceScrubLayout.Side} (or {FaceScrubLayout.UncroppedSide}x{FaceScrubLayout.UncroppedSide}, cropped to the top-left {FaceScrubLayout.Side}x{FaceScrubLayout.Side}).");
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* pixels = rgba)
            {
                var result = codec.GetPixels(info, (nint)pixels);
                if (result != SKCodecResult.Success)
                {
                    throw new InvalidDataException($"{file}: the image does not decode ({result}).");
                }
            }
        }

        for (int y = 0; y < FaceScrubLayout.Side; y++)
        {
            for (int x = 0; x < FaceScrubLayout.Side; x++)
            {
                int from = ((y * width) + x) * 4;
                int to = ((y * FaceScrubLayout.Side) + x) * 3;
                rgb[to] = rgba[from];
                rgb[to + 1] = rgba[from + 1];
                rgb[to + 2] = rgba[from + 2];
            }
        }
    }
}

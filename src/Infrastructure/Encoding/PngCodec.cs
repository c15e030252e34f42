using DigitForge.Application.Common;

namespace DigitForge.Infrastructure.Encoding;

/// <summary>
/// <see cref="IPngCodec"/>: our 8-bit encoder (faster than SkiaSharp's on the small grey images use cases return,
/// bench/README.md "PNG codec"), SkiaSharp's decoder for uploads (every PNG flavour, libpng fuzzed upstream).
/// </summary>
public sealed class PngCodec : IPngCodec
{
    public byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels) => channels switch
    {
        1 => PngEncoder.EncodeGray8(pixels, width, height),
        3 => PngEncoder.EncodeRgb8(pixels, width, height),
        _ => throw new ArgumentException($"{channels} channels: only grey (1) and RGB (3) pictures.", nameof(channels)),
    };

    public DecodedImage Decode(ReadOnlySpan<byte> png, long maxPixels)
    {
        return SkiaPngDecoder.DecodeGray(png, maxPixels);
    }
}

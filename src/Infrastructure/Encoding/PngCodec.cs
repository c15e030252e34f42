using DigitForge.Application.Common;

namespace DigitForge.Infrastructure.Encoding;

/// <summary><see cref="IPngCodec"/> over our PNG encoder and decoder.</summary>
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
        var image = PngDecoder.Decode(png, maxPixels);
        return new DecodedImage(image.Height, image.Width, image.ToGray());
    }
}

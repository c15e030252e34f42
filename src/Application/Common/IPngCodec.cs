namespace DigitForge.Application.Common;

/// <summary>
/// PNG encoding and decoding of 8-bit pixels for use cases that take or give a picture (corruption previews,
/// morphometrics uploads, perturbed digits); implemented in Infrastructure/Encoding.
/// </summary>
public interface IPngCodec
{
    /// <summary>Encodes HWC 8-bit pixels: 1 channel as grey, 3 as RGB.</summary>
    byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels);

    /// <summary>
    /// Decodes any 8-bit PNG to grey levels (RGB averaged as Morpho-MNIST reads it). Corrupt data, or more than
    /// <paramref name="maxPixels"/> pixels, is an <see cref="InvalidDataException"/> saying why.
    /// </summary>
    DecodedImage Decode(ReadOnlySpan<byte> png, long maxPixels);
}

/// <summary>A decoded picture as grey levels, row-major.</summary>
public sealed record DecodedImage(int Height, int Width, byte[] Gray);

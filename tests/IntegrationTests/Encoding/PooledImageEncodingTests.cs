using DigitForge.Application.Common;
using DigitForge.Domain.Imaging;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.IntegrationTests.Encoding;

/// <summary>The allocation-free paths the API uses must give exactly the bytes of the array-returning ones.</summary>
public class PooledImageEncodingTests
{
    [Theory]
    [InlineData(28, 168)]
    [InlineData(28, 1)]
    [InlineData(3, 2500)] // long rows: vector blocks plus a scalar tail per row
    [InlineData(700, 100)] // several scanline batches
    public void Png_from_a_float_image_equals_the_PNG_of_its_truncated_bytes(int height, int width)
    {
        var image = Gradient(height, width);

        byte[] viaBytes = PngEncoder.EncodeGray8(GrayImageBytes.ToGray8Truncated(image), width, height);

        Assert.Equal(viaBytes, PngEncoder.EncodeGray8(image));
        using var pooled = ImageFileEncoder.EncodePooled(image, ImageFileFormat.Png);
        Assert.Equal(viaBytes, pooled.Content.ToArray());
        Assert.Equal(ImageFileEncoder.PngContentType, pooled.ContentType);
    }

    [Theory]
    [InlineData(ImageFileFormat.Png)]
    [InlineData(ImageFileFormat.Npy)]
    public void Pooled_encoding_matches_Encode(ImageFileFormat format)
    {
        var image = Gradient(28, 173);

        var file = ImageFileEncoder.Encode(image, format);
        using var pooled = ImageFileEncoder.EncodePooled(image, format);

        Assert.Equal(file.Content, pooled.Content.ToArray());
        Assert.Equal(file.ContentType, pooled.ContentType);
        Assert.Equal(file.Extension, pooled.Extension);
    }

    private static GrayImage Gradient(int height, int width)
    {
        var image = new GrayImage(height, width);
        var random = new Random(height * 31 + width);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            // Mostly paper with ink strokes, plus out-of-range and NaN values that the byte conversion clamps.
            image.Pixels[i] = (i % 97) switch
            {
                0 => float.NaN,
                1 => -0.5f,
                2 => 1.5f,
                _ => random.NextDouble() < 0.7 ? 1f : (float)random.NextDouble(),
            };
        }

        return image;
    }
}

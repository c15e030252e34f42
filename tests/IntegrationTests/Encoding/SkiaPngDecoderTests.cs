using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using SkiaSharp;
using Xunit.Abstractions;

namespace DigitForge.IntegrationTests.Encoding;

/// <summary>
/// The upload decoder (SkiaSharp): the same grey levels as our decoder on the files both read, the PNG flavours only it
/// reads, clear errors on bad files, the pixel limit before inflating, and a seeded mutation fuzz of both decoders
/// (every corrupt file an <see cref="InvalidDataException"/> or a decoded image, never another exception).
/// </summary>
public class SkiaPngDecoderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Grey_and_rgb_files_decode_to_the_same_grey_levels_as_our_decoder(int channels)
    {
        byte[] pixels = PngTestFiles.Pattern(61, 23, channels, seed: 5);
        byte[] png = PngEncoder.Encode(pixels, 61, 23, channels == 1 ? PngColorType.Gray8 : PngColorType.Rgb8);

        var skia = SkiaPngDecoder.DecodeGray(png, 1 << 20);

        Assert.Equal((23, 61), (skia.Height, skia.Width));
        Assert.Equal(PngDecoder.Decode(png).ToGray(), skia.Gray);
    }

    [Fact]
    public void Transparent_pixels_are_black_and_opaque_ones_keep_their_grey()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, new SKColor(255, 255, 255, 0));
        bitmap.SetPixel(1, 0, new SKColor(90, 120, 150, 255));
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)!;

        var image = SkiaPngDecoder.DecodeGray(data.ToArray(), 100);

        Assert.Equal([0, 120], image.Gray);
    }

    [SkippableFact]
    public void Reads_palette_and_16_bit_files_our_decoder_rejects()
    {
        PythonReference.Require(output, "PIL");
        using var temp = new TempDirectory();
        PythonReference.Run(
            """
            import sys
            from PIL import Image
            d = sys.argv[1]
            p = Image.frombytes('P', (5, 3), bytes(range(15)))
            p.putpalette(sum(([v * 10] * 3 for v in range(15)), []))
            p.save(d + '/palette.png')
            Image.frombytes('I;16', (5, 3), b''.join(((v << 8) | v).to_bytes(2, 'little') for v in range(0, 150, 10))).save(d + '/16bit.png')
            """,
            temp.Path);

        byte[] expected = [.. Enumerable.Range(0, 15).Select(i => (byte)(i * 10))];
        foreach (string name in new[] { "palette.png", "16bit.png" })
        {
            byte[] png = File.ReadAllBytes(temp.File(name));
            Assert.Equal(expected, SkiaPngDecoder.DecodeGray(png, 100).Gray);
            Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));
        }
    }

    [Fact]
    public void Rejects_bad_files_with_a_reason()
    {
        byte[] png = PngEncoder.EncodeGray8(PngTestFiles.Pattern(40, 40, 1), 40, 40);

        Assert.Contains("signature", Assert.Throws<InvalidDataException>(() => SkiaPngDecoder.DecodeGray("GIF89a.."u8, 100)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => SkiaPngDecoder.DecodeGray(png.AsSpan(0, 40), 10_000));
        Assert.Throws<InvalidDataException>(() => SkiaPngDecoder.DecodeGray(png.AsSpan(0, png.Length / 2), 10_000));
        Assert.Contains("limit", Assert.Throws<InvalidDataException>(() => SkiaPngDecoder.DecodeGray(png, 1599)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_header_is_rejected_before_anything_is_inflated()
    {
        // 60,000 x 60,000 grey pixels (3.6 GB) announced by a header in front of a few bytes of image data.
        byte[] png = PngTestFiles.Build(PngTestFiles.Header(60_000, 60_000), new("IDAT", PngTestFiles.Deflate(new byte[64])), PngTestFiles.End());

        Assert.Contains("limit", Assert.Throws<InvalidDataException>(() => SkiaPngDecoder.DecodeGray(png, 1L << 26)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_files_decode_or_fail_with_invalid_data_in_both_decoders()
    {
        byte[][] seeds =
        [
            PngEncoder.EncodeGray8(PngTestFiles.Pattern(37, 19, 1), 37, 19),
            PngEncoder.EncodeRgb8(PngTestFiles.Pattern(13, 11, 3), 13, 11),
        ];
        var random = new Random(20);
        int decoded = 0, rejected = 0;
        for (int round = 0; round < 3000; round++)
        {
            byte[] png = (byte[])seeds[round % seeds.Length].Clone();
            int edits = random.Next(1, 6);
            for (int e = 0; e < edits; e++)
            {
                switch (random.Next(3))
                {
                    case 0: png[random.Next(png.Length)] = (byte)random.Next(256); break;
                    case 1: png[random.Next(png.Length)] ^= (byte)(1 << random.Next(8)); break;
                    default: Array.Resize(ref png, random.Next(8, png.Length)); break;
                }
            }

            foreach (var decode in new Func<byte[], int>[] { p => SkiaPngDecoder.DecodeGray(p, 1 << 16).Gray.Length, p => PngDecoder.Decode(p, 1 << 16).Pixels.Length })
            {
                try
                {
                    decode(png);
                    decoded++;
                }
                catch (InvalidDataException)
                {
                    rejected++;
                }
            }
        }

        Assert.True(rejected > 1000 && decoded > 0, $"{decoded} decoded, {rejected} rejected");
    }
}

using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Sequences;
using DigitForge.Infrastructure.Encoding;
using SkiaSharp;

namespace DigitForge.Benchmarks;

/// <summary>
/// Our 8-bit PNG encoder and decoder against SkiaSharp's (libpng + zlib) on what they handle here: the grey sequence
/// images of <c>GET /sequence</c> (168x28, one per request) and uploaded pictures (a 28x28 digit, a 512x512 RGB
/// photo-like image). Decides which one the hot path and the uploads use (bench/README.md, "PNG codec").
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PngCodecComparison
{
    private byte[] _sequence = null!;
    private byte[] _sequencePng = null!;
    private byte[] _rgb = null!;
    private byte[] _rgbPng = null!;
    private byte[] _digitPng = null!;

    [GlobalSetup]
    public void Setup()
    {
        var digits = SyntheticDigits.Create();
        var image = SequenceRenderer.Render(new SequenceSpec([4, 9, 8, 1, 2, 7], Filters: FilterRegistry.CreateDefault().Parse("blur:sigma=1")), digits, KeyedRandom.For(7));
        _sequence = GrayImageBytes.ToGray8Truncated(image);
        _sequencePng = PngEncoder.EncodeGray8(_sequence, 168, 28);
        var digit = SequenceRenderer.Render(new SequenceSpec([3]), digits, KeyedRandom.For(3));
        _digitPng = PngEncoder.EncodeGray8(GrayImageBytes.ToGray8Truncated(digit), digit.Width, digit.Height);
        _rgb = new byte[512 * 512 * 3];
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                int i = ((y * 512) + x) * 3;
                (_rgb[i], _rgb[i + 1], _rgb[i + 2]) = ((byte)x, (byte)y, (byte)((x * y) >> 10));
            }
        }

        _rgbPng = PngEncoder.EncodeRgb8(_rgb, 512, 512, CompressionLevel.Optimal);
    }

    [Benchmark(Baseline = true, Description = "encode 168x28 grey: ours (zlib fastest)")]
    public int EncodeOurs() => PngEncoder.EncodeGray8(_sequence, 168, 28).Length;

    [Benchmark(Description = "encode 168x28 grey: SkiaSharp, zlib 1, all filters")]
    public int EncodeSkiaLevel1() => EncodeSkia(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 1));

    [Benchmark(Description = "encode 168x28 grey: SkiaSharp, zlib 1, no filter")]
    public int EncodeSkiaLevel1NoFilter() => EncodeSkia(new SKPngEncoderOptions(SKPngEncoderFilterFlags.NoFilters, 1));

    [Benchmark(Description = "encode 168x28 grey: SkiaSharp defaults (zlib 6)")]
    public int EncodeSkiaDefault() => EncodeSkia(SKPngEncoderOptions.Default);

    [Benchmark(Description = "decode 168x28 grey: ours")]
    public int DecodeSequenceOurs() => PngDecoder.Decode(_sequencePng).Pixels.Length;

    [Benchmark(Description = "decode 168x28 grey: SkiaSharp")]
    public int DecodeSequenceSkia() => DecodeSkia(_sequencePng, SKColorType.Gray8);

    [Benchmark(Description = "decode 28x28 grey: ours")]
    public int DecodeDigitOurs() => PngDecoder.Decode(_digitPng).Pixels.Length;

    [Benchmark(Description = "decode 28x28 grey: SkiaSharp")]
    public int DecodeDigitSkia() => DecodeSkia(_digitPng, SKColorType.Gray8);

    [Benchmark(Description = "decode 512x512 RGB: ours")]
    public int DecodeRgbOurs() => PngDecoder.Decode(_rgbPng).Pixels.Length;

    [Benchmark(Description = "decode 512x512 RGB: SkiaSharp (RGBA)")]
    public int DecodeRgbSkia() => DecodeSkia(_rgbPng, SKColorType.Rgba8888);

    private int EncodeSkia(SKPngEncoderOptions options)
    {
        var info = new SKImageInfo(168, 28, SKColorType.Gray8, SKAlphaType.Opaque);
        unsafe
        {
            fixed (byte* pixels = _sequence)
            {
                using var pixmap = new SKPixmap(info, (nint)pixels, 168);
                using var data = pixmap.Encode(options);
                return (int)(data?.Size ?? -1);
            }
        }
    }

    private static int DecodeSkia(byte[] png, SKColorType colorType)
    {
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        var info = codec.Info.WithColorType(colorType).WithAlphaType(colorType == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var pixels = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* target = pixels)
            {
                var result = codec.GetPixels(info, (nint)target);
                return result == SKCodecResult.Success ? pixels.Length : -1;
            }
        }
    }
}

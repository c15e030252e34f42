using System.Security.Cryptography;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Fog's keyed hot path (only the crop normalised, draws taken in bulk) must give the bytes of the straightforward
/// reference path: the whole map generated draw by draw and min-max normalised, then cropped.
/// </summary>
public sealed class FogFastPathTests
{
    [Theory]
    [InlineData(28, 28, 1)]
    [InlineData(32, 32, 3)]
    [InlineData(300, 260, 1)]
    [InlineData(1, 1, 1)]
    public void Fog_from_a_keyed_stream_equals_the_full_map_path(int height, int width, int channels)
    {
        for (int severity = 1; severity <= 5; severity++)
        {
            for (ulong key = 0; key < 3; key++)
            {
                var image = TestImage(height, width, channels, key);
                var fast = new FogCorruption().Apply(image.Clone(), severity, KeyedRandom.For(7, key));

                var slowRandom = KeyedRandom.For(7, key);
                int mapSize = FogCorruption.MapSize(image);
                var map = new double[mapSize * mapSize];
                PlasmaFractal.Generate(map, mapSize, Decay(severity), slowRandom.NextDouble);
                var slow = FogCorruption.Apply(image.Clone(), severity, map, mapSize);

                Assert.Equal(slow.Pixels, fast.Pixels);
            }
        }
    }

    [Fact]
    public void Fog_keeps_the_bytes_it_gave_before_the_fast_path()
    {
        // SHA-256 of fog (severities 1-5, 40 keyed rows each) on 28x28 digits-like images, recorded with the
        // original implementation (full map per image, one draw per call).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = new byte[28 * 28];
        for (int severity = 1; severity <= 5; severity++)
        {
            for (ulong key = 0; key < 40; key++)
            {
                var result = new FogCorruption().Apply(TestImage(28, 28, 1, key), severity, KeyedRandom.For(11, key));
                result.CopyToBytesRounded(bytes);
                hash.AppendData(bytes);
                hash.AppendData(BitConverter.GetBytes(result.Pixels.Sum(v => (double)v)));
            }
        }

        Assert.Equal("e04a828bef1aa881c7d34a1f2cbe360d4992fdc026234d86f2f92c975519e149", Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    [Fact]
    public void The_stream_advances_by_the_whole_map_whatever_the_crop()
    {
        var random = KeyedRandom.For(3);
        new FogCorruption().Apply(TestImage(28, 28, 1, 0), 5, random);
        var reference = KeyedRandom.For(3);
        for (int i = 0; i < (256 * 256) - 1; i++)
        {
            reference.NextUInt64();
        }

        Assert.Equal(reference.NextUInt64(), random.NextUInt64());
    }

    private static double Decay(int severity) => severity switch { 1 or 2 => 2, 3 => 1.7, 4 => 1.5, _ => 1.4 };

    private static Raster TestImage(int height, int width, int channels, ulong key)
    {
        var random = KeyedRandom.For(1234, key);
        var image = new Raster(height, width, channels);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = random.NextInt(4) == 0 ? random.NextInt(256) : 0;
        }

        return image;
    }
}

using System.Buffers;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>fog</c>: <c>x/255 + c0 * plasma_fractal(256, wibbledecay=c1)[:H, :W]</c>, then
/// <c>clip(x * max / (max + c0), 0, 1) * 255</c> with max the clean image's maximum; (c0, c1) = (1.5,2), (2,2),
/// (2.5,1.7), (2.5,1.5), (3,1.4), default severity 5. The fractal map is 256x256 (the next power of two for larger
/// images) and is added to every channel.
/// </summary>
[BuiltInCorruption]
public sealed class FogCorruption : ICorruption
{
    private static readonly (double Amount, double Decay)[] Table = [(1.5, 2), (2.0, 2), (2.5, 1.7), (2.5, 1.5), (3.0, 1.4)];

    public string Name => "fog";

    public string Description => "Fog: a plasma-fractal haze added over the image, contrast reduced.";

    public int DefaultSeverity => 5;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, Table.Length);
        int mapSize = MapSize(image);
        // 512 KiB per image: pooled, since a fresh large-object-heap array per image costs more than the fractal.
        double[] map = ArrayPool<double>.Shared.Rent(mapSize * mapSize);
        try
        {
            var span = map.AsSpan(0, mapSize * mapSize);
            // Only the crop is read, so only the crop is normalised (the whole map is still built: its range counts).
            PlasmaFractal.GenerateCorner(span, mapSize, Table[severity - 1].Decay, random, image.Height, image.Width);
            return Apply(image, severity, span, mapSize);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(map);
        }
    }

    /// <summary>256, or the next power of two when the image is larger.</summary>
    public static int MapSize(Raster image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int size = 256;
        while (size < Math.Max(image.Height, image.Width))
        {
            size *= 2;
        }

        return size;
    }

    /// <summary>Fog with a given normalised fractal (<paramref name="mapSize"/> squared values, row-major).</summary>
    public static Raster Apply(Raster image, int severity, ReadOnlySpan<double> fractal, int mapSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Table.Length);
        if (mapSize < image.Height || mapSize < image.Width || fractal.Length != mapSize * mapSize)
        {
            throw new ArgumentException("The fractal must cover the image.", nameof(fractal));
        }

        double c0 = Table[severity - 1].Amount;
        var unit = MnistCPixels.ToUnit(image);
        double max = double.NegativeInfinity;
        foreach (double v in unit)
        {
            max = Math.Max(max, v);
        }

        int channels = image.Channels;
        for (int r = 0; r < image.Height; r++)
        {
            for (int c = 0; c < image.Width; c++)
            {
                double haze = c0 * fractal[(r * mapSize) + c];
                int o = ((r * image.Width) + c) * channels;
                for (int ch = 0; ch < channels; ch++)
                {
                    unit[o + ch] = (unit[o + ch] + haze) * max / (max + c0);
                }
            }
        }

        return MnistCPixels.FromUnit(unit, image);
    }
}

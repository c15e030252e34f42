using System.Collections.Concurrent;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// The compositional set's Swirl: scikit-image <c>swirl(x/255, rotation=0, strength=c, radius=sqrt(2)*H/2)</c>
/// around the default centre (W/2, H/2), bilinear, mode 'reflect' (SciPy 'mirror'), clipped, times 255.
/// Table strength = .5, 1, 3, 5, 10; default severity 3.
/// </summary>
/// <remarks>
/// scikit-image maps output (x, y) to input x0 + rho cos(theta'), y0 + rho sin(theta') with
/// theta' = strength * exp(-rho / (radius * ln 2 / 5)) + atan2(y - y0, x - x0). The output is clipped to the input's
/// range as <c>warp(clip=True)</c> does.
/// </remarks>
[BuiltInCorruption]
public sealed class SwirlCorruption : ICorruption
{
    private static readonly double[] Strengths = [0.5, 1, 3, 5, 10];

    // The sampling positions depend only on (height, width, severity): cached for the few dataset sizes; bounded
    // because filter chains on sequence strips bring arbitrary widths.
    private const int MaxCachedMaps = 64;
    private static readonly ConcurrentDictionary<(int Height, int Width, int Severity), double[]> Maps = new();

    public string Name => "swirl";

    public string Description => "Swirls the image around its centre with strength .5, 1, 3, 5 or 10.";

    public int DefaultSeverity => 3;

    public static double Strength(int severity) => Strengths[severity - 1];

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        CorruptionChecks.Severity(severity, Strengths.Length);
        int height = image.Height;
        int width = image.Width;
        int channels = image.Channels;
        var pixels = image.Pixels;
        var values = new double[pixels.Length];
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        for (int i = 0; i < pixels.Length; i++)
        {
            double v = pixels[i] / 255.0;
            values[i] = v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var key = (height, width, severity);
        if (!Maps.TryGetValue(key, out var map))
        {
            map = SourcePositions(height, width, Strength(severity));
            if (Maps.Count < MaxCachedMaps)
            {
                Maps.TryAdd(key, map);
            }
        }

        Span<double> sample = stackalloc double[channels];
        var result = image.EmptyLike();
        var target = result.Pixels;
        for (int row = 0; row < height; row++)
        {
            for (int col = 0; col < width; col++)
            {
                int at = (row * width) + col;
                MirrorBilinear.Sample(values, height, width, channels, map[2 * at], map[(2 * at) + 1], sample);
                int to = at * channels;
                for (int channel = 0; channel < channels; channel++)
                {
                    target[to + channel] = CorruptionChecks.ToByteScale(Math.Clamp(sample[channel], min, max));
                }
            }
        }

        return result;
    }

    /// <summary>Input (row, col) for every output pixel, interleaved; a pure function of the size and strength.</summary>
    private static double[] SourcePositions(int height, int width, double strength)
    {
        double radius = Math.Sqrt(2) * height / 2 / 5 * Math.Log(2);
        double x0 = width / 2.0;
        double y0 = height / 2.0;
        var map = new double[2 * height * width];
        for (int row = 0; row < height; row++)
        {
            for (int col = 0; col < width; col++)
            {
                double dx = col - x0;
                double dy = row - y0;
                double rho = Math.Sqrt((dx * dx) + (dy * dy));
                double theta = (strength * Math.Exp(-rho / radius)) + Math.Atan2(dy, dx);
                int at = 2 * ((row * width) + col);
                map[at] = y0 + (rho * Math.Sin(theta));
                map[at + 1] = x0 + (rho * Math.Cos(theta));
            }
        }

        return map;
    }
}

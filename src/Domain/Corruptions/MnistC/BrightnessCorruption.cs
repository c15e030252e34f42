using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>brightness</c>: x/255 to HSV (scikit-image <c>rgb2hsv</c>), V = clip(V + c, 0, 1), back to RGB; c = .1,
/// .2, .3, .4, .5 (default severity 5). Grayscale goes gray → RGB → HSV → RGB → gray (<c>rgb2gray</c>, weights .2125,
/// .7154, .0721 summed left to right as NumPy's matmul does), which is about <c>min(x/255 + c, 1)</c>; colour images
/// keep their colour (no gray step). Deterministic.
/// </summary>
[BuiltInCorruption]
public sealed class BrightnessCorruption : ICorruption
{
    private static readonly double[] Shifts = [0.1, 0.2, 0.3, 0.4, 0.5];

    public string Name => "brightness";

    public string Description => "Raises the HSV value channel by c (0.1..0.5), saturating at white.";

    public int DefaultSeverity => 5;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Shifts.Length);
        double c = Shifts[severity - 1];
        var pixels = image.Pixels;
        if (image.Channels == 3)
        {
            for (int i = 0; i < pixels.Length; i += 3)
            {
                var (h, s, v) = RgbToHsv(pixels[i] / 255.0, pixels[i + 1] / 255.0, pixels[i + 2] / 255.0);
                var (r, g, b) = HsvToRgb(h, s, Math.Clamp(v + c, 0.0, 1.0));
                pixels[i] = Store(r);
                pixels[i + 1] = Store(g);
                pixels[i + 2] = Store(b);
            }

            return image;
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            // gray2rgb gives r = g = b = x: hue 0, saturation 0, value x; hsv2rgb of (0, 0, v) is (v, v, v).
            double v = Math.Clamp((pixels[i] / 255.0) + c, 0.0, 1.0);
            pixels[i] = Store(Gray(v, v, v));
        }

        return image;
    }

    /// <summary>scikit-image <c>rgb2gray</c> of one pixel, summed in NumPy's order.</summary>
    public static double Gray(double r, double g, double b) => (r * 0.2125) + (g * 0.7154) + (b * 0.0721);

    /// <summary>scikit-image <c>rgb2hsv</c> of one pixel (values 0..1).</summary>
    public static (double H, double S, double V) RgbToHsv(double r, double g, double b)
    {
        double v = Math.Max(r, Math.Max(g, b));
        double delta = v - Math.Min(r, Math.Min(g, b));
        if (delta == 0)
        {
            return (0, 0, v);
        }

        double s = delta / v;
        // Later matches overwrite earlier ones in the reference (blue wins over green over red on ties).
        double h = b == v ? 4.0 + ((r - g) / delta) : g == v ? 2.0 + ((b - r) / delta) : (g - b) / delta;
        h /= 6.0;
        h -= Math.Floor(h); // Python's % 1. for floats
        return (h, s, v);
    }

    /// <summary>scikit-image <c>hsv2rgb</c> of one pixel.</summary>
    public static (double R, double G, double B) HsvToRgb(double h, double s, double v)
    {
        double hi = Math.Floor(h * 6);
        double f = (h * 6) - hi;
        double p = v * (1 - s);
        double q = v * (1 - (f * s));
        double t = v * (1 - ((1 - f) * s));
        return ((int)hi % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    private static float Store(double unit) => (float)(Math.Clamp(unit, 0.0, 1.0) * 255);
}

using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>motion_blur</c>: a one-sided line blur at a random angle uniform in [-45, 45] degrees; (radius, sigma) =
/// (10,3), (15,5), (15,8), (15,12), (20,15), default severity 1.
/// </summary>
/// <remarks>
/// The reference calls ImageMagick's <c>MagickMotionBlurImage</c> through Wand on a PNG round trip; ImageMagick is not
/// a dependency here, so this re-implements that function's algorithm: kernel width <c>2*ceil(radius)+1</c>, weights
/// <c>exp(-i^2 / (2 sigma^2))</c> for i = 0..width-1 (one-sided: the pixel itself plus pixels ahead along the
/// direction) normalised to sum 1, tap i at offset (round(i cos a), round(i sin a)) with ImageMagick's
/// <c>ceil(v - 0.5)</c> rounding, pixels outside the image repeating the nearest edge pixel (ImageMagick's default
/// 'edge' virtual pixels), computed on 16-bit quanta and written back to 8 bits as ImageMagick 6.9 Q16 does (round to
/// a quantum, then truncate quantum/257). Checked against <c>convert -motion-blur</c> where ImageMagick is installed
/// (MotionBlurImageMagickTests). Differences: no PNG/colour management round trip (none applies to 8-bit gray),
/// double accumulation instead of ImageMagick's own (can move a value by one level at a rounding edge), and the angle
/// comes from our keyed stream.
/// </remarks>
[BuiltInCorruption]
public sealed class MotionBlurCorruption : ICorruption
{
    private static readonly (double Radius, double Sigma)[] Table = [(10, 3), (15, 5), (15, 8), (15, 12), (20, 15)];

    public string Name => "motion_blur";

    public string Description => "Motion blur: a one-sided Gaussian line kernel at a random angle in [-45, 45] degrees.";

    public int DefaultSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, Table.Length);
        double angle = -45 + (90 * random.NextDouble());
        return Apply(image, severity, angle);
    }

    /// <summary>The blur at a given angle in degrees (0 = along +x, positive turns toward +y, i.e. down).</summary>
    public static Raster Apply(Raster image, int severity, double angleDegrees)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Table.Length);
        var (radius, sigma) = Table[severity - 1];
        int width = (int)((2.0 * Math.Ceiling(radius)) + 1.0);
        var kernel = new double[width];
        double normalize = 0;
        for (int i = 0; i < width; i++)
        {
            kernel[i] = Math.Exp(-((double)i * i) / (2.0 * sigma * sigma)) / (Math.Sqrt(2 * Math.PI) * sigma);
            normalize += kernel[i];
        }

        double radians = Math.PI * angleDegrees / 180.0;
        double pointX = width * Math.Sin(radians);
        double pointY = width * Math.Cos(radians);
        double length = Math.Sqrt((pointX * pointX) + (pointY * pointY));
        var offsetX = new int[width];
        var offsetY = new int[width];
        for (int i = 0; i < width; i++)
        {
            kernel[i] /= normalize;
            offsetX[i] = (int)Math.Ceiling((i * pointY / length) - 0.5);
            offsetY[i] = (int)Math.Ceiling((i * pointX / length) - 0.5);
        }

        int rows = image.Height;
        int cols = image.Width;
        int channels = image.Channels;
        var source = (float[])image.Pixels.Clone();
        var pixels = image.Pixels;
        for (int y = 0; y < rows; y++)
        {
            for (int x = 0; x < cols; x++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    // In 16-bit quanta (8-bit value * 257), as ImageMagick Q16 reads the 8-bit PNG.
                    double sum = 0;
                    for (int i = 0; i < width; i++)
                    {
                        int sx = Math.Clamp(x + offsetX[i], 0, cols - 1);
                        int sy = Math.Clamp(y + offsetY[i], 0, rows - 1);
                        sum += kernel[i] * (Math.Clamp(MathF.Round(source[(((sy * cols) + sx) * channels) + ch]), 0f, 255f) * 257.0);
                    }

                    // Rounded to a quantum, then to 8 bits by truncation: what ImageMagick 6.9 Q16 writes back
                    // (measured against `convert -motion-blur`, see MotionBlurImageMagickTests).
                    double quantum = Math.Clamp(Math.Floor(sum + 0.5), 0, 65535);
                    pixels[(((y * cols) + x) * channels) + ch] = (float)Math.Floor(quantum / 257.0);
                }
            }
        }

        return image;
    }
}

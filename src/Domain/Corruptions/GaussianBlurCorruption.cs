using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// The compositional set's GaussianBlur (ImageNet-C's): scikit-image <c>gaussian(x/255, sigma)</c> (SciPy
/// <c>gaussian_filter</c>, mode 'nearest', truncate 4, colour channels filtered separately), clipped, times 255.
/// Table sigma = 1, 2, 3, 4, 6; default severity 2.
/// </summary>
[BuiltInCorruption]
public sealed class GaussianBlurCorruption : ICorruption
{
    private static readonly double[] Sigmas = [1, 2, 3, 4, 6];

    public string Name => "gaussian_blur";

    public string Description => "Gaussian blur with sigma 1, 2, 3, 4 or 6 pixels (edges repeat the border pixel).";

    public int DefaultSeverity => 2;

    public static double Sigma(int severity) => Sigmas[severity - 1];

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        CorruptionChecks.Severity(severity, Sigmas.Length);
        var pixels = image.Pixels;
        var values = new double[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            values[i] = pixels[i] / 255.0;
        }

        NearestGaussian.Filter(values, image.Height, image.Width, image.Channels, Sigma(severity));
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = CorruptionChecks.ToByteScale(values[i]);
        }

        return image;
    }
}

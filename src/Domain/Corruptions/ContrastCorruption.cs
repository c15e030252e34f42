using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// The compositional set's Contrast (ImageNet-C's): on x/255, each channel is pulled towards its mean,
/// <c>(x - mean) * c + mean</c>, clipped to 0..1, times 255. Table c = .4, .3, .2, .1, .05; default severity 2.
/// </summary>
/// <remarks>Computed in double like NumPy on x/255 and stored as float32, as the reference does.</remarks>
[BuiltInCorruption]
public sealed class ContrastCorruption : ICorruption
{
    private static readonly double[] Factors = [0.4, 0.3, 0.2, 0.1, 0.05];

    public string Name => "contrast";

    public string Description => "Lowers contrast: every channel pulled towards its mean intensity by a factor .4 .. .05.";

    public int DefaultSeverity => 2;

    public static double Factor(int severity) => Factors[severity - 1];

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        CorruptionChecks.Severity(severity, Factors.Length);
        double c = Factor(severity);
        var pixels = image.Pixels;
        int channels = image.Channels;
        int count = image.Height * image.Width;
        for (int channel = 0; channel < channels; channel++)
        {
            double sum = 0;
            for (int i = channel; i < pixels.Length; i += channels)
            {
                sum += pixels[i] / 255.0;
            }

            double mean = sum / count;
            for (int i = channel; i < pixels.Length; i += channels)
            {
                pixels[i] = CorruptionChecks.ToByteScale((((pixels[i] / 255.0) - mean) * c) + mean);
            }
        }

        return image;
    }
}

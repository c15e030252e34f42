using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>spatter</c> (mud): liquid = normal(loc, scale) per value, Gaussian-blurred (sigma), zeroed below the
/// threshold; m = Gaussian(liquid &gt; threshold, sigma2) zeroed below 0.8; <c>x = x*(1-m) + (63/255)*m</c>, clipped.
/// Table (loc, scale, sigma, threshold, sigma2) = (.65,.3,4,.69,.6), (.65,.3,3,.68,.6), (.65,.3,2,.68,.5),
/// (.65,.3,1,.65,1.5), (.67,.4,1,.65,1.5); default severity 4. The reference's sixth column (mud vs water in
/// ImageNet-C) is unused: every severity is mud. Float32 where the reference is (x, the mask and its blur).
/// </summary>
[BuiltInCorruption]
public sealed class SpatterCorruption : ICorruption
{
    private static readonly (double Loc, double Scale, double Sigma, double Threshold, double Sigma2)[] Table =
        [(0.65, 0.3, 4, 0.69, 0.6), (0.65, 0.3, 3, 0.68, 0.6), (0.65, 0.3, 2, 0.68, 0.5), (0.65, 0.3, 1, 0.65, 1.5), (0.67, 0.4, 1, 0.65, 1.5)];

    public string Name => "spatter";

    public string Description => "Mud spatter: blobs from thresholded blurred noise painted dark gray over the image.";

    public int DefaultSeverity => 4;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        return Apply(image, severity, random.NextNormal);
    }

    /// <summary>Spatter with the standard normal deviates supplied in C order (one per value), e.g. a NumPy-compatible stream.</summary>
    public static Raster Apply(Raster image, int severity, Func<double> nextStandardNormal)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(nextStandardNormal);
        MnistCPixels.CheckSeverity(severity, Table.Length);
        var (loc, scale, sigma, threshold, sigma2) = Table[severity - 1];
        int h = image.Height;
        int w = image.Width;
        int channels = image.Channels;
        var liquid = new double[image.Pixels.Length];
        for (int i = 0; i < liquid.Length; i++)
        {
            liquid[i] = loc + (scale * nextStandardNormal());
        }

        NdGaussian.Filter(liquid, h, w, channels, sigma, sigma, BorderMode.Nearest);
        var mask = new double[liquid.Length];
        for (int i = 0; i < liquid.Length; i++)
        {
            // liquid[liquid < t] = 0 then (liquid > t): the zeroing never changes which values exceed t > 0.
            mask[i] = liquid[i] > threshold ? 1 : 0;
        }

        NdGaussian.Filter(mask, h, w, channels, sigma2, sigma2, BorderMode.Nearest, singlePrecision: true);
        const float mud = (float)(63 / 255.0);
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            float m = (float)mask[i];
            if (m < 0.8f)
            {
                m = 0f;
            }

            float x = pixels[i] / 255f;
            float color = mud * m;
            x *= 1f - m;
            pixels[i] = Math.Clamp(x + color, 0f, 1f) * 255f;
        }

        return image;
    }
}

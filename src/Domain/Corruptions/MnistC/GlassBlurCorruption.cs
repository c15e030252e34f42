using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>glass_blur</c>: Gaussian blur, truncate to bytes, locally shuffle pixels, blur again. Table (sigma,
/// max_delta d, iterations) = (0.7,1,2), (0.9,2,1), (1,2,3), (1.1,3,2), (1.5,4,2); default severity 1.
/// </summary>
/// <remarks>
/// As the reference: <c>uint8(gaussian(x/255, sigma, multichannel=True) * 255)</c>, then per iteration for h from
/// H-d down to d+1 and w from W-d down to d+1, with probability 1/2 swap pixel (h, w) with (h+dy, w+dx), where
/// dx, dy are NumPy <c>randint(-d, d)</c> (high exclusive: -d..d-1); then <c>clip(gaussian(x/255, sigma), 0, 1) * 255</c>.
/// The reference passes <c>multichannel=True</c> for a 2-D grayscale image, so scikit-image treats its columns as
/// channels and blurs along rows only (vertically); we reproduce that for one-channel images. Colour (H, W, C)
/// images are blurred along both axes per channel, which is what the same call does for them.
/// </remarks>
[BuiltInCorruption]
public sealed class GlassBlurCorruption : ICorruption
{
    private static readonly (double Sigma, int Delta, int Iterations)[] Table =
        [(0.7, 1, 2), (0.9, 2, 1), (1.0, 2, 3), (1.1, 3, 2), (1.5, 4, 2)];

    public string Name => "glass_blur";

    public string Description => "Frosted-glass blur: Gaussian blur, local random pixel swaps, blur again.";

    public int DefaultSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        return Apply(image, severity, random.NextInt);
    }

    /// <summary>
    /// Glass blur with the integers drawn by <paramref name="nextBelow"/> (uniform in [0, n)), in the reference's order:
    /// per visited pixel a coin <c>nextBelow(2)</c> (0 = swap, as <c>choice([True, False])</c>), then for a swap dx and
    /// dy as <c>nextBelow(2d) - d</c>. A NumPy-compatible stream reproduces the reference's pixels.
    /// </summary>
    public static Raster Apply(Raster image, int severity, Func<int, int> nextBelow)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(nextBelow);
        MnistCPixels.CheckSeverity(severity, Table.Length);
        var (sigma, delta, iterations) = Table[severity - 1];
        int height = image.Height;
        int width = image.Width;
        int channels = image.Channels;
        double sigmaCols = channels == 1 ? 0 : sigma;

        var unit = MnistCPixels.ToUnit(image);
        NdGaussian.Filter(unit, height, width, channels, sigma, sigmaCols, BorderMode.Nearest);
        var bytes = new byte[unit.Length];
        for (int i = 0; i < unit.Length; i++)
        {
            // np.uint8(v * 255): truncation toward zero (the blurred values stay within 0..1).
            bytes[i] = (byte)Math.Clamp(unit[i] * 255, 0.0, 255.0);
        }

        for (int iteration = 0; iteration < iterations; iteration++)
        {
            for (int h = height - delta; h > delta; h--)
            {
                for (int w = width - delta; w > delta; w--)
                {
                    if (nextBelow(2) != 0)
                    {
                        continue;
                    }

                    int dx = nextBelow(2 * delta) - delta;
                    int dy = nextBelow(2 * delta) - delta;
                    Swap(bytes, ((h * width) + w) * channels, (((h + dy) * width) + w + dx) * channels, channels);
                }
            }
        }

        for (int i = 0; i < unit.Length; i++)
        {
            unit[i] = bytes[i] / 255.0;
        }

        NdGaussian.Filter(unit, height, width, channels, sigma, sigmaCols, BorderMode.Nearest);
        return MnistCPixels.FromUnit(unit, image);
    }

    private static void Swap(byte[] pixels, int a, int b, int channels)
    {
        for (int ch = 0; ch < channels; ch++)
        {
            (pixels[a + ch], pixels[b + ch]) = (pixels[b + ch], pixels[a + ch]);
        }
    }
}

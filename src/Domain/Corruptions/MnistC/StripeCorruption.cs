using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>stripe</c>: the outer quarters of the columns inverted (255 - x), the middle unchanged. On 28 columns
/// that is columns 0..6 and 21..27, as <c>x[:, :7]</c> and <c>x[:, 21:]</c>; width W inverts W/4 columns on each side.
/// Deterministic, no clipping (as the reference).
/// </summary>
[BuiltInCorruption]
public sealed class StripeCorruption : ICorruption
{
    public string Name => "stripe";

    public string Description => "Inverts the left and right quarter of the columns (MNIST-C stripe); deterministic.";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, MaxSeverity);
        int band = image.Width / 4;
        int channels = image.Channels;
        var pixels = image.Pixels;
        for (int row = 0; row < image.Height; row++)
        {
            for (int col = 0; col < image.Width; col++)
            {
                if (col >= band && col < image.Width - band)
                {
                    continue;
                }

                int o = ((row * image.Width) + col) * channels;
                for (int ch = 0; ch < channels; ch++)
                {
                    pixels[o + ch] = 255f - pixels[o + ch];
                }
            }
        }

        return image;
    }
}

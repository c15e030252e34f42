using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// Salt-and-pepper noise, shared by both reference sets: scikit-image <c>random_noise(x/255, mode='s&amp;p', amount)</c>
/// flips each value with probability <c>amount</c> to 0 or 1 (salt vs pepper 0.5), then clips; times 255.
/// Severity table .03, .06, .09, .17, .27. The compositional set defaults to severity 5 (the filter's default here),
/// MNIST-C to severity 4 (<see cref="MnistCDefaultSeverity"/>).
/// </summary>
/// <remarks>Draws come from our keyed stream, not NumPy's, so the flipped pixels differ from the reference's; the distribution is the same.</remarks>
[BuiltInCorruption]
public sealed class ImpulseNoiseCorruption : ICorruption
{
    public const string CorruptionName = "impulse_noise";
    public const int CompositionalDefaultSeverity = 5;
    public const int MnistCDefaultSeverity = 4;

    private static readonly double[] Amounts = [0.03, 0.06, 0.09, 0.17, 0.27];

    public string Name => CorruptionName;

    public string Description => "Salt-and-pepper impulse noise: a fraction of the values set to black or white.";

    public int DefaultSeverity => CompositionalDefaultSeverity;

    public static double Amount(int severity) => Amounts[severity - 1];

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(severity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, Amounts.Length);
        double amount = Amount(severity);
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (random.NextDouble() < amount)
            {
                pixels[i] = random.NextDouble() < 0.5 ? 255f : 0f;
            }
            else
            {
                pixels[i] = Math.Clamp(pixels[i], 0f, 255f);
            }
        }

        return image;
    }
}

using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>The compositional set's Invert: <c>255 - x</c> in float32, no clipping (the reference clips nothing here).</summary>
[BuiltInCorruption]
public sealed class InvertCorruption : ICorruption
{
    public string Name => "invert";

    public string Description => "Inverts intensities: 255 - x (ink becomes background and back).";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        CorruptionChecks.Severity(severity, MaxSeverity);
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = 255f - pixels[i];
        }

        return image;
    }
}

using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>The reference's Identity (compositional set) and identity (MNIST-C): the image unchanged.</summary>
[BuiltInCorruption]
public sealed class IdentityCorruption : ICorruption
{
    public string Name => "identity";

    public string Description => "No corruption: the clean image (the reference sets' baseline).";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image;
    }
}

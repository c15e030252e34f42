using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>translate</c>: inverse map <c>AffineTransform(translation=(dx, dy))</c> with dx = ±c, dy = ±c (two
/// independent signs, so always diagonal), c = 1..5 pixels (default severity 3); the image moves by (-dx, -dy),
/// filling 0.
/// </summary>
[BuiltInCorruption]
public sealed class TranslateCorruption : ICorruption
{
    public string Name => "translate";

    public string Description => "Shifts the image diagonally by c pixels (1..5) in each axis, directions random.";

    public int DefaultSeverity => 3;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, 5);
        int signX = GeometricWarp.RandomSign(random);
        int signY = GeometricWarp.RandomSign(random);
        return Apply(image, severity, signX, signY);
    }

    /// <summary>The corruption with given signs: the inverse map's translation is (signX * c, signY * c).</summary>
    public static Raster Apply(Raster image, int severity, int signX, int signY)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, 5);
        return GeometricWarp.Apply(image, AffineMatrix.FromSkimage(translateX: severity * signX, translateY: severity * signY));
    }
}

using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>shear</c>: scikit-image <c>AffineTransform(shear=±c)</c> centred on the image centre, used as the
/// inverse map of a bilinear warp (fill 0); c = .2, .4, .6, .8, 1.0 (default severity 2), random sign.
/// </summary>
[BuiltInCorruption]
public sealed class ShearCorruption : ICorruption
{
    private static readonly double[] Shears = [0.2, 0.4, 0.6, 0.8, 1.0];

    public string Name => "shear";

    public string Description => "Shears the image about its centre by ±c (0.2..1.0), direction random.";

    public int DefaultSeverity => 2;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, Shears.Length);
        return Apply(image, severity, GeometricWarp.RandomSign(random));
    }

    /// <summary>The corruption with a given direction (<paramref name="sign"/> ±1), as the reference after its coin flip.</summary>
    public static Raster Apply(Raster image, int severity, int sign)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Shears.Length);
        double c = Shears[severity - 1] * sign;
        return GeometricWarp.Apply(image, GeometricWarp.Centred(image, AffineMatrix.FromSkimage(shear: c)));
    }
}

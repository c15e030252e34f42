using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>rotate</c>: scikit-image <c>AffineTransform(rotation=±c)</c> about the image centre as the inverse map
/// of a bilinear warp (fill 0); c = .2, .4, .6, .8, 1.0 radians (default severity 2, about 22.9 degrees), random sign.
/// </summary>
[BuiltInCorruption]
public sealed class RotateCorruption : ICorruption
{
    private static readonly double[] Angles = [0.2, 0.4, 0.6, 0.8, 1.0];

    public string Name => "rotate";

    public string Description => "Rotates the image about its centre by ±c radians (0.2..1.0), direction random.";

    public int DefaultSeverity => 2;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, Angles.Length);
        return Apply(image, severity, GeometricWarp.RandomSign(random));
    }

    /// <summary>The corruption with a given direction (<paramref name="sign"/> ±1).</summary>
    public static Raster Apply(Raster image, int severity, int sign)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Angles.Length);
        double c = Angles[severity - 1] * sign;
        return GeometricWarp.Apply(image, GeometricWarp.Centred(image, AffineMatrix.FromSkimage(rotation: c)));
    }
}

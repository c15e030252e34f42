using DigitForge.Domain.Imaging;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>shear</c>: scikit-image <c>AffineTransform(shear=±c)</c> centred on the image centre, used as the
/// inverse map of a bilinear warp (fill 0); c = .2, .4, .6, .8, 1.0 (default severity 2), random sign.
/// </summary>
[BuiltInCorruption]
public sealed class ShearCorruption : AffineCorruption
{
    private static readonly double[] Shears = [0.2, 0.4, 0.6, 0.8, 1.0];
    private static readonly ShearCorruption Instance = new();

    public override string Name => "shear";

    public override string Description => "Shears the image about its centre by ±c (0.2..1.0), direction random.";

    public override int DefaultSeverity => 2;

    private protected override int RandomSigns => 1;

    /// <summary>The corruption with a given direction (<paramref name="sign"/> ±1), as the reference after its coin flip.</summary>
    public static Raster Apply(Raster image, int severity, int sign) => Instance.Warp(image, severity, sign, sign);

    private protected override AffineMatrix InverseMap(Raster image, int severity, int signX, int signY) =>
        Centred(image, AffineMatrix.FromSkimage(shear: Shears[severity - 1] * signX));
}

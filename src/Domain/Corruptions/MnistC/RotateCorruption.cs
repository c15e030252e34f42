using DigitForge.Domain.Imaging;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>rotate</c>: scikit-image <c>AffineTransform(rotation=±c)</c> about the image centre as the inverse map
/// of a bilinear warp (fill 0); c = .2, .4, .6, .8, 1.0 radians (default severity 2, about 22.9 degrees), random sign.
/// </summary>
[BuiltInCorruption]
public sealed class RotateCorruption : AffineCorruption
{
    private static readonly double[] Angles = [0.2, 0.4, 0.6, 0.8, 1.0];
    private static readonly RotateCorruption Instance = new();

    public override string Name => "rotate";

    public override string Description => "Rotates the image about its centre by ±c radians (0.2..1.0), direction random.";

    public override int DefaultSeverity => 2;

    private protected override int RandomSigns => 1;

    /// <summary>The corruption with a given direction (<paramref name="sign"/> ±1).</summary>
    public static Raster Apply(Raster image, int severity, int sign) => Instance.Warp(image, severity, sign, sign);

    private protected override AffineMatrix InverseMap(Raster image, int severity, int signX, int signY) =>
        Centred(image, AffineMatrix.FromSkimage(rotation: Angles[severity - 1] * signX));
}

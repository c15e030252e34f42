using DigitForge.Domain.Imaging;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>scale</c>: <c>AffineTransform(scale=(s, s))</c> about the image centre as the inverse map, s = 1/.9,
/// 1/.8, 1/.7, 1/.6, 1/.5 (default severity 3): the digit shrinks to 70%. Deterministic.
/// </summary>
[BuiltInCorruption]
public sealed class ScaleCorruption : AffineCorruption
{
    private static readonly double[] Factors = [1 / .9, 1 / .8, 1 / .7, 1 / .6, 1 / .5];

    public override string Name => "scale";

    public override string Description => "Shrinks the image about its centre to 90%..50% (inverse-map scale 1/0.9..1/0.5).";

    public override int DefaultSeverity => 3;

    private protected override int RandomSigns => 0;

    private protected override AffineMatrix InverseMap(Raster image, int severity, int signX, int signY)
    {
        double s = Factors[severity - 1];
        return Centred(image, AffineMatrix.FromSkimage(scaleX: s, scaleY: s));
    }
}

using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>scale</c>: <c>AffineTransform(scale=(s, s))</c> about the image centre as the inverse map, s = 1/.9,
/// 1/.8, 1/.7, 1/.6, 1/.5 (default severity 3): the digit shrinks to 70%. Deterministic.
/// </summary>
[BuiltInCorruption]
public sealed class ScaleCorruption : ICorruption
{
    private static readonly double[] Factors = [1 / .9, 1 / .8, 1 / .7, 1 / .6, 1 / .5];

    public string Name => "scale";

    public string Description => "Shrinks the image about its centre to 90%..50% (inverse-map scale 1/0.9..1/0.5).";

    public int DefaultSeverity => 3;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Factors.Length);
        double s = Factors[severity - 1];
        return GeometricWarp.Apply(image, GeometricWarp.Centred(image, AffineMatrix.FromSkimage(scaleX: s, scaleY: s)));
    }
}

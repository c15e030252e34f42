using DigitForge.Domain.Imaging;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>translate</c>: inverse map <c>AffineTransform(translation=(dx, dy))</c> with dx = ±c, dy = ±c (two
/// independent signs, so always diagonal), c = 1..5 pixels (default severity 3); the image moves by (-dx, -dy),
/// filling 0.
/// </summary>
[BuiltInCorruption]
public sealed class TranslateCorruption : AffineCorruption
{
    private static readonly TranslateCorruption Instance = new();

    public override string Name => "translate";

    public override string Description => "Shifts the image diagonally by c pixels (1..5) in each axis, directions random.";

    public override int DefaultSeverity => 3;

    private protected override int RandomSigns => 2;

    /// <summary>The corruption with given signs: the inverse map's translation is (signX * c, signY * c).</summary>
    public static Raster Apply(Raster image, int severity, int signX, int signY) => Instance.Warp(image, severity, signX, signY);

    // Not centred: a pure translation moves every pixel alike.
    private protected override AffineMatrix InverseMap(Raster image, int severity, int signX, int signY) =>
        AffineMatrix.FromSkimage(translateX: severity * signX, translateY: severity * signY);
}

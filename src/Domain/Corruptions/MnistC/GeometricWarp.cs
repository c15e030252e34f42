using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// The MNIST-C geometric corruptions' common step: <c>clip(warp(x / 255, inverse_map=aff), 0, 1) * 255</c>, with the
/// affine map centred on the image centre (13.5, 13.5) for 28x28, generally ((W-1)/2, (H-1)/2).
/// </summary>
internal static class GeometricWarp
{
    public static Raster Apply(Raster image, AffineMatrix inverse)
    {
        var unit = MnistCPixels.ToUnit(image);
        var warped = new double[unit.Length];
        AffineWarp.Warp(unit, warped, image.Height, image.Width, image.Channels, inverse);
        return MnistCPixels.FromUnit(warped, image);
    }

    /// <summary>A linear map made to keep the image centre fixed, as the reference's <c>a3 = 13.5 * (1 - a1 - a2)</c>.</summary>
    public static AffineMatrix Centred(Raster image, AffineMatrix linear) =>
        linear.KeepingFixed((image.Width - 1) / 2.0, (image.Height - 1) / 2.0);

    /// <summary><c>np.random.choice([-1, 1])</c>: a fair random sign.</summary>
    public static int RandomSign(KeyedRandom random) => random.NextInt(2) == 0 ? -1 : 1;
}

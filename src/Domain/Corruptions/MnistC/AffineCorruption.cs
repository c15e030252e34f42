using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// The MNIST-C geometric corruptions (rotate, shear, scale, translate): <c>clip(warp(x / 255, inverse_map=aff), 0, 1)
/// * 255</c>, a bilinear warp filling 0. They differ only in the affine map a severity and the reference's random signs
/// give, which is all a subclass says; drawing the signs, checking and warping happen here once.
/// </summary>
public abstract class AffineCorruption : ICorruption
{
    // Every geometric corruption of the reference has a table of five severities.
    private const int Severities = 5;

    private protected AffineCorruption()
    {
    }

    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract int DefaultSeverity { get; }

    /// <summary>
    /// How many <c>np.random.choice([-1, 1])</c> signs the reference draws per image, in order: 0 (deterministic),
    /// 1 (one sign for the whole map) or 2 (x, then y).
    /// </summary>
    private protected abstract int RandomSigns { get; }

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (RandomSigns > 0)
        {
            ArgumentNullException.ThrowIfNull(random);
        }

        MnistCPixels.CheckSeverity(severity, Severities);
        int signX = RandomSigns > 0 ? RandomSign(random) : 1;
        int signY = RandomSigns > 1 ? RandomSign(random) : signX;
        return Warp(image, severity, signX, signY);
    }

    /// <summary>
    /// The inverse map (output pixel → source pixel) for a checked severity and signs ±1 (1 where none are drawn;
    /// <paramref name="signY"/> equals <paramref name="signX"/> when one is).
    /// </summary>
    private protected abstract AffineMatrix InverseMap(Raster image, int severity, int signX, int signY);

    /// <summary>The corruption with its signs given, as the reference after its coin flips.</summary>
    private protected Raster Warp(Raster image, int severity, int signX, int signY)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, Severities);
        var unit = MnistCPixels.ToUnit(image);
        var warped = new double[unit.Length];
        AffineWarp.Warp(unit, warped, image.Height, image.Width, image.Channels, InverseMap(image, severity, signX, signY));
        return MnistCPixels.FromUnit(warped, image);
    }

    /// <summary>
    /// A linear map made to keep the image centre ((W-1)/2, (H-1)/2), 13.5 for 28x28, fixed, as the reference's
    /// <c>a3 = 13.5 * (1 - a1 - a2)</c>.
    /// </summary>
    private protected static AffineMatrix Centred(Raster image, AffineMatrix linear) =>
        linear.KeepingFixed((image.Width - 1) / 2.0, (image.Height - 1) / 2.0);

    /// <summary><c>np.random.choice([-1, 1])</c>: a fair random sign.</summary>
    private static int RandomSign(KeyedRandom random) => random.NextInt(2) == 0 ? -1 : 1;
}

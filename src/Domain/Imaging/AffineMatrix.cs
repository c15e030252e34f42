namespace DigitForge.Domain.Imaging;

/// <summary>
/// A 2-D affine map in scikit-image's (col, row) = (x, y) convention: x' = A00 x + A01 y + A02,
/// y' = A10 x + A11 y + A12. Used as the <em>inverse</em> map of <see cref="AffineWarp"/> (output pixel to input position).
/// </summary>
public readonly record struct AffineMatrix(double A00, double A01, double A02, double A10, double A11, double A12)
{
    public static AffineMatrix Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>
    /// scikit-image's <c>AffineTransform(scale, rotation, shear, translation).params</c> (the 0.19 formula, which is
    /// also the 2019 one): <c>[[sx cos r, -sy sin(r + shear), tx], [sx sin r, sy cos(r + shear), ty]]</c>.
    /// </summary>
    public static AffineMatrix FromSkimage(double scaleX = 1, double scaleY = 1, double rotation = 0, double shear = 0, double translateX = 0, double translateY = 0) =>
        new(
            scaleX * Math.Cos(rotation),
            -scaleY * Math.Sin(rotation + shear),
            translateX,
            scaleX * Math.Sin(rotation),
            scaleY * Math.Cos(rotation + shear),
            translateY);

    /// <summary>
    /// The same linear part with the translation that keeps (<paramref name="centreX"/>, <paramref name="centreY"/>)
    /// fixed. For a square image this is MNIST-C's <c>a3 = 13.5 * (1 - a1 - a2)</c> evaluated in the same order, so the
    /// result is bit-identical to the reference's matrix; other shapes use each axis's own centre.
    /// </summary>
    public AffineMatrix KeepingFixed(double centreX, double centreY) =>
        centreX.Equals(centreY)
            ? this with { A02 = centreX * (1 - A00 - A01), A12 = centreY * (1 - A10 - A11) }
            : this with { A02 = centreX - (A00 * centreX) - (A01 * centreY), A12 = centreY - (A10 * centreX) - (A11 * centreY) };

    /// <summary>Where the map sends (x, y), computed as scikit-image's <c>_transform_affine</c> does.</summary>
    public (double X, double Y) Map(double x, double y) =>
        ((A00 * x) + (A01 * y) + A02, (A10 * x) + (A11 * y) + A12);
}

using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Randomness;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Pixel agreement with NumPy / scikit-image 0.19 (reference/mnistc_reference.py) on digit images, for the corruptions
/// whose result is fixed once their random choices are: the sign or offsets are passed in, and fog and spatter get
/// the reference's own NumPy draws through <see cref="NumPyLegacyRandom"/>.
/// </summary>
public class MnistCReferenceTests(ITestOutputHelper output)
{
    private static readonly byte[][] Images = MnistCTestImages.Digits();

    public static TheoryData<int, int> SignedSeverities() => new() { { 1, 1 }, { 2, -1 }, { 3, 1 }, { 5, -1 } };

    [SkippableTheory]
    [MemberData(nameof(SignedSeverities))]
    public void Shear_matches_skimage_warp(int severity, int sign)
    {
        double[] table = [0.2, 0.4, 0.6, 0.8, 1.0];
        Check("shear", new { c = table[severity - 1] * sign }, r => ShearCorruption.Apply(r, severity, sign), 1e-3);
    }

    [SkippableTheory]
    [MemberData(nameof(SignedSeverities))]
    public void Rotate_matches_skimage_warp(int severity, int sign)
    {
        double[] table = [0.2, 0.4, 0.6, 0.8, 1.0];
        Check("rotate", new { c = table[severity - 1] * sign }, r => RotateCorruption.Apply(r, severity, sign), 1e-3);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Scale_matches_skimage_warp(int severity)
    {
        double[] table = [1 / .9, 1 / .8, 1 / .7, 1 / .6, 1 / .5];
        Check("scale", new { c = table[severity - 1] }, r => new ScaleCorruption().Apply(r, severity, KeyedRandom.For(0)), 1e-3);
    }

    [SkippableTheory]
    [InlineData(3, 1, -1)]
    [InlineData(5, -1, 1)]
    public void Translate_matches_skimage_warp(int severity, int signX, int signY) =>
        Check("translate", new { dx = severity * signX, dy = severity * signY }, r => TranslateCorruption.Apply(r, severity, signX, signY), 1e-3);

    [SkippableFact]
    public void Stripe_matches_reference() =>
        Check("stripe", new { }, r => new StripeCorruption().Apply(r, 1, KeyedRandom.For(0)), 0);

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(5)]
    public void Brightness_matches_skimage_hsv(int severity) =>
        Check("brightness", new { c = severity / 10.0 }, r => new BrightnessCorruption().Apply(r, severity, KeyedRandom.For(0)), 1e-3);

    [SkippableFact]
    public void Canny_edges_match_skimage_canny() =>
        Check("canny", new { }, r => new CannyEdgesCorruption().Apply(r, 1, KeyedRandom.For(0)), 0);

    [SkippableTheory]
    [InlineData(5, 3)]
    [InlineData(1, 11)]
    public void Fog_matches_the_reference_given_the_same_numpy_draws(int severity, uint seed)
    {
        var (c0, c1) = new[] { (1.5, 2.0), (2.0, 2.0), (2.5, 1.7), (2.5, 1.5), (3.0, 1.4) }[severity - 1];
        Check("fog", new { c0, c1, seed }, r =>
        {
            var numpy = new NumPyLegacyRandom(seed);
            var map = new double[256 * 256];
            PlasmaFractal.Generate(map, 256, c1, numpy.RandomSample);
            return FogCorruption.Apply(r, severity, map, 256);
        }, 1e-3);
    }

    [SkippableTheory]
    [InlineData(4, 5)]
    [InlineData(1, 8)]
    public void Spatter_matches_the_reference_given_the_same_numpy_draws(int severity, uint seed)
    {
        var p = new[] { (0.65, 0.3, 4.0, 0.69, 0.6), (0.65, 0.3, 3.0, 0.68, 0.6), (0.65, 0.3, 2.0, 0.68, 0.5), (0.65, 0.3, 1.0, 0.65, 1.5), (0.67, 0.4, 1.0, 0.65, 1.5) }[severity - 1];
        Check("spatter", new { seed, loc = p.Item1, scale = p.Item2, sigma = p.Item3, t = p.Item4, sigma2 = p.Item5 }, r =>
        {
            var numpy = new NumPyLegacyRandom(seed);
            return SpatterCorruption.Apply(r, severity, numpy.StandardNormal);
        }, 1e-3);
    }

    [SkippableTheory]
    [InlineData(1, 5)]
    [InlineData(4, 6)]
    public void Glass_blur_matches_the_reference_given_the_same_numpy_draws(int severity, uint seed)
    {
        var (sigma, d, iterations) = new[] { (0.7, 1, 2), (0.9, 2, 1), (1.0, 2, 3), (1.1, 3, 2), (1.5, 4, 2) }[severity - 1];
        Check("glass_blur", new { seed, sigma, d, iterations }, r =>
        {
            var numpy = new NumPyLegacyRandom(seed);
            return GlassBlurCorruption.Apply(r, severity, n => (int)numpy.RandInt(0, n));
        }, 1e-3);
    }

    [SkippableTheory]
    [InlineData(3, 20)]
    [InlineData(26, 0)]
    [InlineData(9, 9)]
    public void Dotted_line_matches_the_reference(int r0, int r1) =>
        Check("dotted_line", new { r0, r1 }, r => DottedLineCorruption.Apply(r, r0, r1), 1e-3);

    [SkippableTheory]
    [InlineData(10, 15)]
    [InlineData(20, 15)]
    [InlineData(0, -5)]
    [InlineData(13, 13)]
    public void Zigzag_matches_the_reference(int r0, int r1) =>
        Check("zigzag", new { r0, r1 }, r => ZigzagCorruption.Apply(r, r0, r1), 1e-3);

    /// <summary>
    /// Runs <paramref name="op"/> in Python and <paramref name="corrupt"/> here on every image; floats must agree within
    /// <paramref name="tolerance"/> and the MNIST-C bytes (<c>np.round(x).astype(np.uint8)</c>) exactly.
    /// </summary>
    private void Check(string op, object parameters, Func<Raster, Raster> corrupt, double tolerance)
    {
        PythonReference.Require(output, "numpy", "scipy", "skimage");

        var expected = MnistCPython.Run(op, parameters, Images);
        double worst = 0;
        int byteMismatches = 0;
        for (int i = 0; i < Images.Length; i++)
        {
            var actual = corrupt(MnistCTestImages.ToRaster(Images[i]));
            var bytes = new byte[784];
            actual.CopyToBytesRounded(bytes);
            for (int p = 0; p < 784; p++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i][p] - actual.Pixels[p]));
                byte reference = (byte)Math.Clamp(MathF.Round(expected[i][p], MidpointRounding.ToEven), 0f, 255f);
                if (reference != bytes[p])
                {
                    byteMismatches++;
                }
            }
        }

        output.WriteLine($"{op}: {Images.Length} images, largest float difference {worst:G3}, byte mismatches {byteMismatches}");
        Assert.True(worst <= tolerance, $"{op}: largest difference {worst} exceeds {tolerance}.");
        Assert.Equal(0, byteMismatches);
    }
}

using System.Globalization;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Signal;
using DigitForge.UnitTests.Sequences;

namespace DigitForge.UnitTests.Filters;

public class BlurFilterTests
{
    private static readonly FilterRegistry Registry = FilterRegistry.CreateDefault();

    [SkippableFact]
    public void Default_sigma_is_the_library_default_of_2()
    {
        var blur = Registry.Parse("blur").Single();
        Assert.Equal(2.0, blur.Arguments.GetDouble("sigma"));
    }

    [SkippableTheory]
    [InlineData(28, 28, 1.0)]
    [InlineData(28, 28, 2.0)]
    [InlineData(28, 173, 1.0)]
    [InlineData(28, 3, 2.0)]
    [InlineData(5, 7, 13.0)]
    [InlineData(28, 61, 0.3)]
    [InlineData(28, 1500, 2.0)]
    [InlineData(300, 40, 40.0)]
    public void Matches_the_scalar_SciPy_port_bit_for_bit(int height, int width, double sigma)
    {
        var image = PythonArrays.RandomImage(height, width, (ulong)(height * width));
        var expected = image.Clone();
        GaussianFilter.Filter2DInPlace(expected.Pixels, height, width, sigma);

        Registry.Parse(string.Create(CultureInfo.InvariantCulture, $"blur:sigma={sigma}")).Single().Apply(image, KeyedRandom.For(0));

        Assert.Equal(expected.Pixels, image.Pixels);
    }

    [SkippableFact]
    public void Sigma_zero_leaves_the_image_unchanged()
    {
        var image = PythonArrays.RandomImage(28, 40, 5);
        var before = image.Clone();
        Registry.Parse("blur:sigma=0").Single().Apply(image, KeyedRandom.For(0));
        Assert.Equal(before.Pixels, image.Pixels);
    }

    [SkippableTheory]
    [InlineData(28, 28, 1.0)]
    [InlineData(28, 28, 2.0)]
    [InlineData(28, 190, 1.0)]
    [InlineData(28, 190, 13.0)]
    [InlineData(28, 9, 0.7)]
    public void Matches_scipy_gaussian_filter(int height, int width, double sigma)
    {
        PythonArrays.Require();

        var image = PythonArrays.RandomImage(height, width, (ulong)(width + 17));
        var (expected, dtype) = PythonArrays.Run(
            "from scipy.ndimage import gaussian_filter\nsave(gaussian_filter(load(0), sigma=float(args[0])))",
            [image],
            PythonArrays.Number(sigma));

        Registry.Parse(string.Create(CultureInfo.InvariantCulture, $"blur:sigma={sigma}")).Single().Apply(image, KeyedRandom.For(0));

        Assert.Equal("float32", dtype);
        double difference = PythonArrays.MaxAbsDifference(expected, image);
        Assert.True(difference <= 1e-6, $"max |diff| {difference}");
    }

    [SkippableFact]
    public void Blur_keeps_white_paper_white_and_softens_ink()
    {
        var image = GrayImage.Filled(28, 28, 1f);
        image[14, 14] = 0f;
        Registry.Parse("blur:sigma=1").Single().Apply(image, KeyedRandom.For(0));
        Assert.Equal(1f, image[0, 0], 6);
        Assert.InRange(image[14, 14], 0.8f, 0.9f);
        Assert.True(image[14, 15] < 1f);
    }
}

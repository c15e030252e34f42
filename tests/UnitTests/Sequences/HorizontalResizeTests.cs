using System.Globalization;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Sequences;

namespace DigitForge.UnitTests.Sequences;

public class HorizontalResizeTests
{
    private const string SkimageResize = """
        from skimage.transform import resize
        save(resize(load(0), (load(0).shape[0], int(args[0])), mode="wrap"))
        """;

    [SkippableFact]
    public void Equal_width_is_an_exact_copy()
    {
        var source = PythonArrays.RandomImage(28, 40, 1);
        var result = HorizontalResize.Resize(source, 40);
        Assert.Equal(source.Pixels, result.Pixels);
    }

    [SkippableFact]
    public void Constant_image_stays_constant_and_height_is_kept()
    {
        var source = GrayImage.Filled(28, 90, 0.25f);
        foreach (int width in new[] { 10, 33, 89, 91, 300 })
        {
            var result = HorizontalResize.Resize(source, width);
            Assert.Equal(28, result.Height);
            Assert.Equal(width, result.Width);
            Assert.All(result.Pixels, p => Assert.Equal(0.25f, p));
        }
    }

    [SkippableFact]
    public void Output_stays_within_the_input_range()
    {
        var source = PythonArrays.RandomImage(28, 57, 2);
        float low = source.Pixels.Min();
        float high = source.Pixels.Max();
        foreach (int width in new[] { 11, 56, 58, 200 })
        {
            Assert.All(HorizontalResize.Resize(source, width).Pixels, p => Assert.InRange(p, low, high));
        }
    }

    [SkippableFact]
    public void Resizing_into_a_wider_image_writes_only_its_columns()
    {
        var source = PythonArrays.RandomImage(28, 28, 3);
        var target = GrayImage.Filled(28, 100, 1f);
        HorizontalResize.ResizeInto(source.Pixels, 28, 28, target.Pixels.AsSpan(30), 100, 20);
        var alone = HorizontalResize.Resize(source, 20);
        for (int row = 0; row < 28; row++)
        {
            Assert.Equal(alone.Row(row).ToArray(), target.Row(row)[30..50].ToArray());
            Assert.All(target.Row(row)[..30].ToArray(), p => Assert.Equal(1f, p));
            Assert.All(target.Row(row)[50..].ToArray(), p => Assert.Equal(1f, p));
        }
    }

    [SkippableTheory]
    [InlineData(28, 10)]
    [InlineData(28, 13)]
    [InlineData(28, 25)]
    [InlineData(28, 27)]
    [InlineData(28, 29)]
    [InlineData(28, 48)]
    [InlineData(28, 54)]
    [InlineData(28, 200)]
    [InlineData(40, 40)]
    [InlineData(178, 168)]
    [InlineData(218, 160)]
    [InlineData(300, 100)]
    [InlineData(1000, 97)]
    [InlineData(97, 1000)]
    [InlineData(5, 3)]
    public void Matches_skimage_resize_with_wrap_mode(int sourceWidth, int width)
    {
        PythonArrays.Require();

        var source = PythonArrays.RandomImage(28, sourceWidth, (ulong)((sourceWidth * 7919) + width));
        var (expected, dtype) = PythonArrays.Run(SkimageResize, [source], width.ToString(CultureInfo.InvariantCulture));
        var actual = HorizontalResize.Resize(source, width);

        Assert.Equal("float32", dtype);
        Assert.True(PythonArrays.MaxAbsDifference(expected, actual) <= 1e-6, $"max |diff| {PythonArrays.MaxAbsDifference(expected, actual)}");
    }
}

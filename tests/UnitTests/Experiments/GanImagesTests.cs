using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Training;

namespace DigitForge.UnitTests.Experiments;

public sealed class GanImagesTests
{
    [Fact]
    public void Pixels_map_to_minus_one_one_and_only_the_chosen_classes_are_kept()
    {
        // Three 2x2 gray images with labels 7, 1, 7.
        float[] x = [0, 1, 0.5f, 0, 1, 1, 1, 1, 0.25f, 0.75f, 0, 0];
        var data = new LabeledData("train", x, new long[] { 7, 1, 7 });

        var all = GanImages.From(data, [2, 2], null);
        Assert.Equal(3, all.Count);
        Assert.Equal([-1f, 1, 0, -1], all.Pixels[..4]);

        var sevens = GanImages.From(data, [2, 2], GanImages.ParseClasses("7"));
        Assert.Equal(2, sevens.Count);
        Assert.Equal([-0.5f, 0.5f, -1, -1], sevens.Pixels[4..]);
        Assert.Equal(3, GanImages.From(data, [2, 2], GanImages.ParseClasses(" 7, 1 ")).Count);
    }

    [Fact]
    public void Colour_rows_go_from_hwc_to_chw()
    {
        // One 1x1... too small for a GAN, but the layout is what matters: a 2x2 RGB image, HWC.
        float[] x = [1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1];
        var images = GanImages.From(new LabeledData("train", x, new long[] { 0 }), [2, 2, 3], null);
        Assert.Equal(3, images.Channels);
        Assert.Equal([1f, 1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 1], images.Pixels);
    }

    [Fact]
    public void Bad_class_lists_and_non_images_are_refused()
    {
        Assert.Null(GanImages.ParseClasses(" "));
        Assert.Throws<ArgumentException>(() => GanImages.ParseClasses("7,x"));
        Assert.Null(GanImages.ImageShape([40]));
        Assert.Null(GanImages.ImageShape([28, 14]));
        Assert.Equal((3, 32), GanImages.ImageShape([32, 32, 3]));
    }

    [Fact]
    public void The_fixed_noise_is_standard_normal_and_the_same_for_the_same_seed()
    {
        float[] a = GanKind.FixedNoise(64, 64, 42);
        Assert.Equal(a, GanKind.FixedNoise(64, 64, 42));
        Assert.NotEqual(a, GanKind.FixedNoise(64, 64, 43));
        double mean = a.Average();
        double sd = Math.Sqrt(a.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(sd, 0.9, 1.1);
    }
}

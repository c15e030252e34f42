using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>Properties of the compositional corruptions that hold whatever the reference does.</summary>
public class CompositionalPropertyTests
{
    private static readonly CorruptionRegistry Registry = CorruptionRegistry.CreateDefault();

    [Fact]
    public void The_compositional_set_is_registered_with_the_reference_defaults()
    {
        var expected = new Dictionary<string, (int Default, int Max)>
        {
            ["identity"] = (1, 1),
            ["contrast"] = (2, 5),
            ["gaussian_blur"] = (2, 5),
            ["impulse_noise"] = (5, 5),
            ["invert"] = (1, 1),
            ["rotate90"] = (1, 1),
            ["swirl"] = (3, 5),
        };
        foreach (var (name, (defaultSeverity, max)) in expected)
        {
            var corruption = Registry.Get(name);
            Assert.Equal(defaultSeverity, corruption.DefaultSeverity);
            Assert.Equal(max, corruption.MaxSeverity);
        }
    }

    [Fact]
    public void Invert_twice_is_the_identity()
    {
        var image = CorruptionTestImages.Digit();
        var original = image.Clone().Pixels;
        var invert = Registry.Get("invert");

        var once = invert.Apply(image, 1, KeyedRandom.For(0));
        Assert.NotEqual(original, once.Pixels);
        var twice = invert.Apply(once, 1, KeyedRandom.For(0));

        Assert.Equal(original, twice.Pixels);
    }

    [Theory]
    [InlineData(28, 28, 1)]
    [InlineData(32, 32, 3)]
    public void Rotate90_four_times_is_the_identity(int height, int width, int channels)
    {
        var image = Raster.FromBytes(CorruptionTestImages.RandomBytes(height * width * channels, 5), height, width, channels);
        var original = image.Clone().Pixels;
        var rotate = Registry.Get("rotate90");

        var turned = image;
        for (int i = 0; i < 4; i++)
        {
            turned = rotate.Apply(turned, 1, KeyedRandom.For(0));
            Assert.Equal(i == 3, original.SequenceEqual(turned.Pixels));
        }
    }

    [Fact]
    public void Rotate90_is_a_counter_clockwise_quarter_turn()
    {
        var image = new Raster(28, 28, 1);
        image[0, 27] = 200; // top right corner
        var turned = Registry.Get("rotate90").Apply(image, 1, KeyedRandom.For(0));
        Assert.Equal(200, turned[0, 0]); // top left
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Contrast_keeps_the_mean_of_every_channel(int severity)
    {
        var image = Raster.FromBytes(CorruptionTestImages.RandomBytes(32 * 32 * 3, 9), 32, 32, 3);
        var before = ChannelMeans(image);

        var after = ChannelMeans(Registry.Get("contrast").Apply(image, severity, KeyedRandom.For(0)));

        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(before[c], after[c], 3);
        }
    }

    [Fact]
    public void Contrast_shrinks_the_spread_by_its_factor()
    {
        var image = CorruptionTestImages.Digit();
        double spread = image.Pixels.Max() - image.Pixels.Min();
        var result = Registry.Get("contrast").Apply(image, 2, KeyedRandom.For(0));
        Assert.Equal(spread * ContrastCorruption.Factor(2), result.Pixels.Max() - result.Pixels.Min(), 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    public void Impulse_noise_changes_about_amount_of_the_values(int severity)
    {
        var image = new Raster(256, 256, 1);
        Array.Fill(image.Pixels, 128f); // every flip to 0 or 255 is a change

        var noisy = Registry.Get("impulse_noise").Apply(image, severity, KeyedRandom.For(4, 2));

        double changed = noisy.Pixels.Count(v => v != 128f) / (double)noisy.Pixels.Length;
        Assert.InRange(changed, ImpulseNoiseCorruption.Amount(severity) - 0.01, ImpulseNoiseCorruption.Amount(severity) + 0.01);
        Assert.All(noisy.Pixels, v => Assert.True(v is 0f or 128f or 255f));
        double salt = noisy.Pixels.Count(v => v == 255f) / (double)noisy.Pixels.Count(v => v != 128f);
        Assert.InRange(salt, 0.45, 0.55);
    }

    [Fact]
    public void Impulse_noise_is_deterministic_per_seed()
    {
        var noise = Registry.Get("impulse_noise");
        float[] Run(ulong seed) => noise.Apply(CorruptionTestImages.Digit(), 5, KeyedRandom.For(seed, 1)).Pixels;

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Theory]
    [InlineData("contrast", 2)]
    [InlineData("gaussian_blur", 2)]
    [InlineData("impulse_noise", 5)]
    [InlineData("invert", 1)]
    [InlineData("rotate90", 1)]
    [InlineData("swirl", 3)]
    public void Every_corruption_keeps_the_shape_and_range_on_grey_and_rgb(string name, int severity)
    {
        foreach (var (height, width, channels) in new[] { (28, 28, 1), (32, 32, 3) })
        {
            var image = Raster.FromBytes(CorruptionTestImages.RandomBytes(height * width * channels, 11), height, width, channels);
            var result = Registry.Get(name).Apply(image, severity, KeyedRandom.For(1));
            Assert.Equal((height, width, channels), (result.Height, result.Width, result.Channels));
            Assert.All(result.Pixels, v => Assert.InRange(v, 0f, 255f));
        }
    }

    [Theory]
    [InlineData("contrast", 6)]
    [InlineData("swirl", 0)]
    [InlineData("invert", 2)]
    public void Severities_outside_the_table_are_refused(string name, int severity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Registry.Get(name).Apply(CorruptionTestImages.Digit(), severity, KeyedRandom.For(0)));

    [Fact]
    public void Corruptions_are_filters_named_with_a_severity()
    {
        var filters = Domain.Filters.FilterRegistry.CreateDefault();
        var chain = filters.Parse("swirl:severity=5,invert,gaussian_blur");
        Assert.Equal(["swirl", "invert", "gaussian_blur"], chain.Select(f => f.Filter.Name));
        Assert.Equal(5, chain[0].Arguments.GetDouble("severity"));
        Assert.Equal(2, chain[2].Arguments.GetDouble("severity"));
    }

    private static double[] ChannelMeans(Raster image)
    {
        var means = new double[image.Channels];
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            means[i % image.Channels] += image.Pixels[i];
        }

        return [.. means.Select(m => m / (image.Height * image.Width))];
    }
}

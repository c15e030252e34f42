using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Corruptions;

public class MnistCPropertyTests
{
    private static readonly CorruptionRegistry Registry = CorruptionRegistry.CreateDefault();

    public static TheoryData<string> Names() => [.. MnistCCorruptions.Names];

    private static Raster Digit() => MnistCTestImages.ToRaster(MnistCTestImages.Digits(0)[0]);

    [Fact]
    public void Every_MnistC_corruption_is_registered_with_the_reference_default_severity()
    {
        var expected = new Dictionary<string, int>
        {
            ["identity"] = 1, ["shot_noise"] = 5, ["impulse_noise"] = 4, ["glass_blur"] = 1, ["motion_blur"] = 1,
            ["shear"] = 2, ["scale"] = 3, ["rotate"] = 2, ["brightness"] = 5, ["translate"] = 3, ["stripe"] = 1,
            ["fog"] = 5, ["spatter"] = 4, ["dotted_line"] = 1, ["zigzag"] = 1, ["canny_edges"] = 1,
        };
        Assert.Equal(16, MnistCCorruptions.Names.Count);
        foreach (string name in MnistCCorruptions.Names)
        {
            Assert.Equal(expected[name], MnistCCorruptions.DefaultSeverity(name, Registry));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_severity_is_deterministic_per_seed_and_stays_in_range_on_gray_and_rgb(string name)
    {
        var corruption = Registry.Get(name);
        for (int severity = 1; severity <= corruption.MaxSeverity; severity++)
        {
            foreach (int channels in new[] { 1, 3 })
            {
                var source = channels == 1 ? Digit() : ColourImage(32);
                var a = corruption.Apply(source.Clone(), severity, KeyedRandom.For(7, 3));
                var b = corruption.Apply(source.Clone(), severity, KeyedRandom.For(7, 3));
                Assert.Equal(source.Height, a.Height);
                Assert.Equal(source.Width, a.Width);
                Assert.Equal(channels, a.Channels);
                Assert.Equal(a.Pixels, b.Pixels);
                Assert.All(a.Pixels, v => Assert.InRange(v, 0f, 255f));
            }
        }
    }

    [Theory]
    [InlineData("shot_noise")]
    [InlineData("glass_blur")]
    [InlineData("motion_blur")]
    [InlineData("fog")]
    [InlineData("spatter")]
    [InlineData("zigzag")]
    [InlineData("dotted_line")]
    public void Random_corruptions_differ_between_seeds(string name)
    {
        var corruption = Registry.Get(name);
        var distinct = Enumerable.Range(0, 6)
            .Select(seed => string.Join(',', corruption.Apply(Digit(), corruption.DefaultSeverity, KeyedRandom.For((ulong)seed)).Pixels))
            .Distinct().Count();
        Assert.True(distinct > 1, $"{name} gave the same image for every seed.");
    }

    [Fact]
    public void Stripe_changes_exactly_columns_0_to_6_and_21_to_27()
    {
        var source = Digit();
        for (int i = 0; i < source.Pixels.Length; i++)
        {
            source.Pixels[i] = (i * 37) % 256 == 0 ? 5 : (i * 37) % 256; // no 127.5, so every inverted value changes
        }

        var result = new StripeCorruption().Apply(source.Clone(), 1, KeyedRandom.For(0));
        for (int r = 0; r < 28; r++)
        {
            for (int c = 0; c < 28; c++)
            {
                bool outer = c <= 6 || c >= 21;
                Assert.Equal(outer ? 255f - source[r, c] : source[r, c], result[r, c]);
                Assert.Equal(outer, result[r, c] != source[r, c]);
            }
        }
    }

    [Fact]
    public void Brightness_adds_half_and_saturates()
    {
        var source = Digit();
        var result = new BrightnessCorruption().Apply(source.Clone(), 5, KeyedRandom.For(0));
        for (int i = 0; i < source.Pixels.Length; i++)
        {
            Assert.Equal(Math.Min(source.Pixels[i] + 127.5f, 255f), result.Pixels[i], 0.01f);
        }

        Assert.Contains(result.Pixels, v => v == 255f);
    }

    [Theory]
    [InlineData(3, 1, 1)]
    [InlineData(2, -1, 1)]
    [InlineData(5, 1, -1)]
    public void Translate_moves_the_centroid_by_minus_the_inverse_map_offset(int severity, int signX, int signY)
    {
        var source = Blob(); // far enough from the border for 5 px
        var (r0, c0) = Centroid(source);
        var (r1, c1) = Centroid(TranslateCorruption.Apply(source.Clone(), severity, signX, signY));
        Assert.Equal(c0 - (severity * signX), c1, 3);
        Assert.Equal(r0 - (severity * signY), r1, 3);
    }

    [Fact]
    public void Translate_is_always_diagonal_by_c_pixels()
    {
        var corruption = new TranslateCorruption();
        var source = Blob();
        var (r0, c0) = Centroid(source);
        for (ulong seed = 0; seed < 8; seed++)
        {
            var (r1, c1) = Centroid(corruption.Apply(source.Clone(), 3, KeyedRandom.For(seed)));
            Assert.Equal(3, Math.Abs(c1 - c0), 3);
            Assert.Equal(3, Math.Abs(r1 - r0), 3);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Shot_noise_roughly_preserves_the_mean(int severity)
    {
        var source = new Raster(128, 128, 1);
        Array.Fill(source.Pixels, 51f); // 0.2: Poisson(x*c)/c rarely reaches the clip at 1 even for c = 3
        var result = new ShotNoiseCorruption().Apply(source.Clone(), severity, KeyedRandom.For(1));
        double mean = result.Pixels.Average(v => (double)v);
        Assert.InRange(mean, 51 - 3, 51 + 3);
        Assert.True(result.Pixels.Distinct().Count() > 2);
    }

    [Fact]
    public void Scale_shrinks_the_digit_about_the_centre()
    {
        var source = Digit();
        var result = new ScaleCorruption().Apply(source.Clone(), 3, KeyedRandom.For(0));
        Assert.True(Ink(result) < Ink(source) * 0.6);
        var (r0, c0) = Centroid(source);
        var (r1, c1) = Centroid(result);
        Assert.Equal(13.5 + ((r0 - 13.5) * 0.7), r1, 0);
        Assert.Equal(13.5 + ((c0 - 13.5) * 0.7), c1, 0);
    }

    [Fact]
    public void Dotted_line_leaves_alternate_column_pairs_and_the_last_column_untouched()
    {
        var blank = new Raster(28, 28, 1);
        var result = DottedLineCorruption.Apply(blank, 5, 20);
        for (int c = 0; c < 28; c++)
        {
            double column = Enumerable.Range(0, 28).Sum(r => result[r, c]);
            bool drawn = (c / 2) % 2 == 1 && c != 27;
            Assert.Equal(drawn, column > 0);
        }
    }

    [Fact]
    public void Canny_edges_are_binary_and_outline_the_stroke()
    {
        var result = new CannyEdgesCorruption().Apply(Digit(), 1, KeyedRandom.For(0));
        Assert.All(result.Pixels, v => Assert.True(v is 0f or 255f));
        Assert.InRange(result.Pixels.Count(v => v == 255f), 40, 400);
    }

    [Fact]
    public void Motion_blur_at_angle_zero_smears_along_x_only()
    {
        var source = new Raster(28, 28, 1);
        source[10, 20] = 255;
        var result = MotionBlurCorruption.Apply(source, 1, 0);
        // Output (y, x) sums source (y, x + i): the dot spreads to the left of column 20, on its row only.
        Assert.True(result[10, 15] > 0);
        Assert.Equal(0f, result[10, 21]);
        Assert.Equal(0f, result[9, 20]);
        Assert.True(result[10, 20] > result[10, 18]);
    }

    [Fact]
    public void Glass_blur_on_gray_blurs_vertically_like_the_reference()
    {
        // A single row of ink: the reference's multichannel=True blur spreads it across rows, never along the row's ends.
        var source = new Raster(28, 28, 1);
        for (int c = 0; c < 28; c++)
        {
            source[14, c] = 255;
        }

        var result = new GlassBlurCorruption().Apply(source, 1, KeyedRandom.For(2));
        Assert.True(result[13, 0] > 0);
        Assert.True(result[15, 27] > 0);
    }

    [Fact]
    public void Fog_brightens_the_background_and_keeps_the_digit_visible()
    {
        var source = Digit();
        var result = new FogCorruption().Apply(source.Clone(), 5, KeyedRandom.For(4));
        Assert.True(result.Pixels.Average(v => (double)v) > source.Pixels.Average(v => (double)v));
        Assert.True(result.Pixels.Max() <= 255f);
    }

    [Fact]
    public void MnistC_corruptions_are_filters_with_a_severity()
    {
        var filters = FilterRegistry.CreateDefault();
        var chain = filters.Parse("shear:severity=3,stripe,canny_edges");
        Assert.Equal(3, chain.Count);
        Assert.Throws<FilterSpecException>(() => filters.Parse("stripe:severity=2"));
    }

    private static Raster ColourImage(int size)
    {
        var random = KeyedRandom.For(99);
        var image = new Raster(size, size, 3);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = random.NextInt(256);
        }

        return image;
    }

    /// <summary>A soft disk of radius 4 around (14, 13) on a 28x28 background.</summary>
    private static Raster Blob()
    {
        var image = new Raster(28, 28, 1);
        for (int r = 0; r < 28; r++)
        {
            for (int c = 0; c < 28; c++)
            {
                double d = Math.Sqrt(((r - 14) * (r - 14)) + ((c - 13) * (c - 13)));
                image[r, c] = (float)(255 * Math.Clamp(4.5 - d, 0, 1));
            }
        }

        return image;
    }

    private static double Ink(Raster image) => image.Pixels.Sum(v => (double)v);

    private static (double Row, double Col) Centroid(Raster image)
    {
        double total = 0, row = 0, col = 0;
        for (int r = 0; r < image.Height; r++)
        {
            for (int c = 0; c < image.Width; c++)
            {
                double v = image[r, c];
                total += v;
                row += r * v;
                col += c * v;
            }
        }

        return (row / total, col / total);
    }
}

using System.Globalization;
using DigitForge.Domain.Data;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Sequences;

namespace DigitForge.UnitTests.Sequences;

public class SequenceRendererTests
{
    private static readonly FilterRegistry Registry = FilterRegistry.CreateDefault();

    private static GrayImage Render(SequenceSpec spec, LabeledImages source, ulong seed = 7) =>
        SequenceRenderer.Render(spec, source, KeyedRandom.For(seed));

    [Fact]
    public void Random_mode_reference_case_has_shape_28_by_160()
    {
        var spec = new SequenceSpec([0, 2, 4, 6, 8], new SpacingRange(3, 15), 160);
        var image = Render(spec, TestDigits.MnistDataStyle());
        Assert.Equal(28, image.Height);
        Assert.Equal(160, image.Width);
    }

    [Theory]
    [InlineData(false, 0, 0, null, 168)]
    [InlineData(false, 0, 10, null, 168)]
    [InlineData(false, 0, 10, 350, 350)]
    [InlineData(true, 0, 10, 350, 350)]
    [InlineData(true, 3, 10, 100, 100)]
    [InlineData(true, 4, 4, null, 188)]
    public void Output_has_the_resolved_width_and_height_28(bool evenly, int min, int max, int? width, int expected)
    {
        var spec = new SequenceSpec([4, 9, 8, 1, 2, 7], new SpacingRange(min, max), width, evenly, Registry.Parse("blur:sigma=1"));
        var image = Render(spec, TestDigits.Bars());
        Assert.Equal((28, expected), (image.Height, image.Width));
        Assert.All(image.Pixels, p => Assert.InRange(p, 0f, 1f));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Paper_and_gaps_are_white_and_ink_is_dark(bool evenly)
    {
        // Fixed gaps of 4 and the default width keep every digit at 28 px in both modes: no resize blurs the check.
        var spec = new SequenceSpec([4, 9, 8, 1, 2, 7], new SpacingRange(4, 4), Evenly: evenly);
        var image = Render(spec, TestDigits.Bars());

        Assert.Equal(188, image.Width);
        for (int digit = 0; digit < 6; digit++)
        {
            int left = digit * 32;
            var slot = Columns(image, left, 28);
            Assert.Equal(0f, slot.Min());
            Assert.Equal(1f, image[0, left]);
            if (digit < 5)
            {
                Assert.All(Columns(image, left + 28, 4), p => Assert.Equal(1f, p));
            }
        }
    }

    [Fact]
    public void Random_mode_with_fixed_gaps_and_default_width_equals_evenly_mode()
    {
        var random = new SequenceSpec([3, 1, 4, 1, 5], new SpacingRange(2, 2), Filters: Registry.Parse("distort"));
        var evenly = random with { Evenly = true };
        var source = TestDigits.Bars();

        // Same picks (drawn first in both modes); distort differs (strip vs digits), so compare without it.
        Assert.Equal(
            Render(random with { Filters = [] }, source).Pixels,
            Render(evenly with { Filters = [] }, source).Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Same_seed_gives_the_same_bytes_and_other_seeds_differ(bool evenly)
    {
        var spec = new SequenceSpec([4, 9, 8, 1, 2, 7], new SpacingRange(0, 10), 200, evenly, Registry.Parse("distort,blur:sigma=1"));
        var source = TestDigits.Bars();

        Assert.Equal(Render(spec, source, 11).Pixels, Render(spec, source, 11).Pixels);
        Assert.NotEqual(Render(spec, source, 11).Pixels, Render(spec, source, 12).Pixels);
    }

    [Fact]
    public void Concurrent_renders_with_many_sigmas_stay_deterministic()
    {
        var source = TestDigits.Bars();
        var specs = Enumerable.Range(0, 40)
            .Select(i => new SequenceSpec([4, 9, 8], new SpacingRange(0, 10 + i), Filters: Registry.Parse(string.Create(CultureInfo.InvariantCulture, $"blur:sigma={1 + (i * 0.1)}"))))
            .ToArray();
        var expected = specs.Select((s, i) => Render(s, source, (ulong)i).Pixels).ToArray();

        Parallel.For(0, 400, k =>
        {
            int i = k % specs.Length;
            Assert.Equal(expected[i], Render(specs[i], source, (ulong)i).Pixels);
        });
    }

    [Fact]
    public void Random_mode_draws_image_picks_then_gaps()
    {
        var source = TestDigits.Bars(perLabel: 5);
        int[] digits = [4, 9, 8, 1, 2, 7];
        var replay = KeyedRandom.For(99);
        var picks = digits.Select(d => source.IndicesOf(d)[replay.NextInt(5)]).ToArray();
        var gaps = Enumerable.Range(0, 5).Select(_ => replay.NextIntInclusive(0, 10)).ToArray();
        int width = (6 * 28) + gaps.Sum();

        // With the width equal to the strip no resize happens, so every pixel is predictable.
        var image = Render(new SequenceSpec(digits, new SpacingRange(0, 10), width), source, 99);

        int left = 0;
        for (int i = 0; i < 6; i++)
        {
            AssertDigitAt(image, source, picks[i], left);
            left += 28;
            if (i < 5)
            {
                Assert.All(Columns(image, left, gaps[i]), p => Assert.Equal(1f, p));
                left += gaps[i];
            }
        }
    }

    [Fact]
    public void Evenly_mode_runs_the_filters_on_each_digit_in_order()
    {
        var source = TestDigits.Bars(perLabel: 5);
        int[] digits = [0, 5, 9];
        var spec = new SequenceSpec(digits, new SpacingRange(3, 3), Evenly: true, Filters: Registry.Parse("distort:alpha=40"));
        var image = Render(spec, source, 5);

        var replay = KeyedRandom.For(5);
        var picks = digits.Select(d => source.IndicesOf(d)[replay.NextInt(5)]).ToArray();
        for (int i = 0; i < 3; i++)
        {
            var expected = GrayImage.Filled(28, 28, 1f);
            var pixels = source.Image(picks[i]);
            for (int p = 0; p < pixels.Length; p++)
            {
                expected.Pixels[p] = (255 - pixels[p]) / 255f;
            }

            for (int row = 0; row < 28; row++)
            {
                int shift = DistortFilter.Shift(28, replay.NextInt(40));
                for (int col = 0; col < 28; col++)
                {
                    Assert.Equal(expected[row, col], image[row, (i * 31) + ((col + shift) % 28)]);
                }
            }
        }
    }

    [Theory]
    [InlineData(12, 2)]
    [InlineData(-1, 9)]
    [InlineData(10, 0)]
    public void Digits_outside_0_to_9_use_python_modulo(int digit, int label)
    {
        var image = Render(new SequenceSpec([digit], ImageWidth: 28, Evenly: true), TestDigits.MnistDataStyle());
        Assert.Equal((255 - label) / 255f, image[0, 0]);
        Assert.Equal(1f, image[0, 1]);
    }

    [Fact]
    public void A_label_without_images_is_a_clear_error()
    {
        var all = TestDigits.MnistDataStyle(10);
        var source = new LabeledImages(28, 28, 1, all.Pixels[..(5 * 784)].ToArray(), all.Labels[..5].ToArray());
        var error = Assert.Throws<DigitUnavailableException>(() => Render(new SequenceSpec([1, 7]), source));
        Assert.Equal(7, error.Digit);
        Assert.Contains("digit 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_spec_is_rejected_with_its_errors()
    {
        var error = Assert.Throws<SequenceSpecException>(() => Render(new SequenceSpec([1, 2], new SpacingRange(5, 1)), TestDigits.Bars()));
        Assert.Contains(error.Errors, e => e.Field == "spacing");
        Assert.Throws<SequenceSpecException>(() => Render(new SequenceSpec([]), TestDigits.Bars()));
    }

    [Fact]
    public void Sources_must_hold_28_by_28_images()
    {
        var source = new LabeledImages(20, 20, new byte[400], [1]);
        Assert.Throws<ArgumentException>(() => Render(new SequenceSpec([1]), source));
    }

    private static void AssertDigitAt(GrayImage image, LabeledImages source, int index, int left)
    {
        var pixels = source.Image(index);
        for (int row = 0; row < 28; row++)
        {
            for (int col = 0; col < 28; col++)
            {
                Assert.Equal((255 - pixels[(row * 28) + col]) / 255f, image[row, left + col]);
            }
        }
    }

    private static float[] Columns(GrayImage image, int left, int count)
    {
        var values = new List<float>();
        for (int row = 0; row < image.Height; row++)
        {
            values.AddRange(image.Row(row).Slice(left, count).ToArray());
        }

        return [.. values];
    }
}

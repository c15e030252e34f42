using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Issue 22, item 5: MNIST-C corruptions as filters work in MNIST's polarity. On a sequence (dark ink on white paper)
/// the pixels a shear/rotate/scale uncovers are paper, not black corners; on IDX-convention images they stay background.
/// </summary>
public sealed class MnistCFilterPolarityTests
{
    [Theory]
    [InlineData("shear")]
    [InlineData("rotate")]
    [InlineData("scale")]
    [InlineData("translate")]
    public void Affine_corruptions_fill_a_sequence_with_paper(string name)
    {
        var filter = FilterInvocation.WithDefaults(new CorruptionFilter(CorruptionRegistry.CreateDefault().Get(name)));
        var sequence = Digit(ink: 0f, background: 1f, inkIsDark: true);
        var idx = Digit(ink: 1f, background: 0f, inkIsDark: false);

        filter.Apply(sequence, KeyedRandom.For(3));
        filter.Apply(idx, KeyedRandom.For(3));

        foreach (int corner in new[] { 0, 27, 27 * 28, (28 * 28) - 1 })
        {
            Assert.Equal(1f, sequence.Pixels[corner], 3);
            Assert.Equal(0f, idx.Pixels[corner], 3);
        }

        // The same corruption, mirrored: the sequence result is 1 - the IDX result.
        for (int i = 0; i < idx.Pixels.Length; i++)
        {
            Assert.Equal(1f - idx.Pixels[i], sequence.Pixels[i], 3);
        }
    }

    [Fact]
    public void Compositional_corruptions_keep_working_on_displayed_intensities()
    {
        var invert = FilterInvocation.WithDefaults(new CorruptionFilter(new InvertCorruption()));
        var sequence = Digit(ink: 0f, background: 1f, inkIsDark: true);

        invert.Apply(sequence, KeyedRandom.For(3));

        Assert.Equal(0f, sequence.Pixels[0], 3);
        Assert.True(typeof(ShearCorruption).Namespace != typeof(InvertCorruption).Namespace);
    }

    [Fact]
    public void A_clone_keeps_the_polarity()
    {
        Assert.True(Digit(0f, 1f, inkIsDark: true).Clone().InkIsDark);
    }

    private static GrayImage Digit(float ink, float background, bool inkIsDark)
    {
        var image = new GrayImage(28, 28) { InkIsDark = inkIsDark };
        image.Pixels.AsSpan().Fill(background);
        for (int row = 6; row < 22; row++)
        {
            image.Pixels.AsSpan((row * 28) + 10, 8).Fill(ink);
        }

        return image;
    }
}

using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Morphology;

public class PerturbationTests
{
    private static readonly byte[] Digit = MorphoDigits.TrainImage0;
    private static readonly Morphometrics Before = MorphometricsCalculator.Measure(Digit, 28, 28);

    [Fact]
    public void Thickening_raises_the_thickness_and_thinning_lowers_it()
    {
        var thick = Measure(Perturb(new Thickening()));
        var thin = Measure(Perturb(new Thinning()));

        Assert.True(thick.Thickness > Before.Thickness * 1.5, $"{thick.Thickness} vs {Before.Thickness}");
        Assert.True(thin.Thickness < Before.Thickness * 0.8, $"{thin.Thickness} vs {Before.Thickness}");
        Assert.True(thick.Area > Before.Area && thin.Area < Before.Area);
    }

    [Fact]
    public void Swelling_raises_the_area_locally()
    {
        for (ulong seed = 0; seed < 5; seed++)
        {
            var swollen = Perturb(new Swelling(), seed);
            var m = Measure(swollen);

            Assert.True(m.Area > Before.Area, $"seed {seed}: {m.Area} vs {Before.Area}");
            // Only pixels near one centre change: the changed pixels fit in a box of the swelling's diameter (+ blur).
            var changed = Enumerable.Range(0, 784).Where(i => Math.Abs(swollen[i] - Plain[i]) > 8).ToArray();
            int rows = changed.Max(i => i / 28) - changed.Min(i => i / 28);
            int cols = changed.Max(i => i % 28) - changed.Min(i => i % 28);
            double diameter = 2 * 7 * Math.Sqrt(Before.Thickness) / 2;
            Assert.True(rows <= diameter + 4 && cols <= diameter + 4, $"seed {seed}: changes span {rows}x{cols}");
        }
    }

    [Fact]
    public void Fractures_break_the_stroke()
    {
        int before = MorphoDigits.Components(ImageMorphology.Analyse(Digit, 28, 28).BinaryImage, 112, 112);
        for (ulong seed = 0; seed < 5; seed++)
        {
            var after = ImageMorphology.Analyse(Perturb(new Fracture(), seed), 28, 28);

            Assert.True(MorphoDigits.Components(after.BinaryImage, 112, 112) > before, $"seed {seed}");
            Assert.True(MorphoDigits.Components(after.Skeleton, 112, 112) > MorphoDigits.Components(ImageMorphology.Analyse(Digit, 28, 28).Skeleton, 112, 112));
        }
    }

    [Fact]
    public void A_fracture_reaching_the_border_cuts_what_is_inside()
    {
        // A stroke along the top edge: the brush leaves the image, which made the reference raise ValueError.
        var image = MorphoDigits.Rectangle(top: 0, left: 0, height: 3, width: 28);

        var outcome = MorphoPerturber.Perturb(image, 28, 28, new Fracture(Count: 6), KeyedRandom.For(3));

        Assert.True(outcome.Applied, outcome.Failure);
        Assert.True(outcome.Pixels.Count(p => p > 127) < image.Count(p => p > 127));
    }

    [Fact]
    public void An_impossible_operation_keeps_the_pixels_and_says_why()
    {
        var empty = new byte[784];
        IMorphoPerturbation[] all = [new Thinning(), new Thickening(), new Swelling(), new Fracture(), new SetThickness(3), new SetSlant(0.2), new SetWidth(10)];
        foreach (var perturbation in all)
        {
            var outcome = MorphoPerturber.Perturb(empty, 28, 28, perturbation, KeyedRandom.For(1));

            Assert.False(outcome.Applied);
            Assert.Equal(empty, outcome.Pixels);
            Assert.Contains("constant", outcome.Failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Same_seed_same_bytes_and_other_seeds_differ()
    {
        Assert.Equal(Perturb(new Swelling(), 7), Perturb(new Swelling(), 7));
        Assert.Equal(Perturb(new Fracture(), 7), Perturb(new Fracture(), 7));
        Assert.Contains(Enumerable.Range(8, 5), s => !Perturb(new Fracture(), (ulong)s).SequenceEqual(Perturb(new Fracture(), 7)));
    }

    [Fact]
    public void Set_slant_width_and_thickness_reach_their_targets()
    {
        Assert.Equal(-0.3, Measure(Perturb(new SetSlant(-0.3))).Slant, 0.05);
        Assert.Equal(10, Measure(Perturb(new SetWidth(10))).Width, 1.0);
        var thicker = Measure(Perturb(new SetThickness(5)));
        Assert.True(Math.Abs(thicker.Thickness - 5) < Math.Abs(Before.Thickness - 5) / 2, $"{thicker.Thickness}");
    }

    [Fact]
    public void Plain_is_the_binarised_digit_smoothed_back()
    {
        var morph = ImageMorphology.Analyse(Digit, 28, 28);
        var plain = morph.Downscale(morph.BinaryImage);

        // Plain keeps the digit's measures (area within a few percent).
        Assert.Equal(Before.Area, Measure(plain).Area, Before.Area * 0.05);
    }

    private static byte[] Plain => ImageMorphology.Analyse(Digit, 28, 28) is var m ? m.Downscale(m.BinaryImage) : [];

    private static byte[] Perturb(IMorphoPerturbation perturbation, ulong seed = 1)
    {
        var outcome = MorphoPerturber.Perturb(Digit, 28, 28, perturbation, KeyedRandom.For(seed));
        Assert.True(outcome.Applied, outcome.Failure);
        return outcome.Pixels;
    }

    private static Morphometrics Measure(byte[] image) => MorphometricsCalculator.Measure(image, 28, 28);
}

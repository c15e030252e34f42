using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Signal;

namespace DigitForge.Domain.Morphology.Clusters;

/// <summary>
/// Applies a cluster's effects to one digit in the reference's order, re-analysing at scale 4 and downscaling after each
/// morphological step: set the thickness (thinning or thickening by |target - t| / t), swell (strength &gt; 0), fracture
/// (n &gt; 0); then the promised blur and noise. A step the image does not allow is skipped and flagged in
/// <see cref="ClusterOutcome.Skipped"/> (the reference silently returned the unmodified image for any error).
/// </summary>
public static class ClusterEffects
{
    public const byte ThicknessSkipped = 1;
    public const byte SwellingSkipped = 2;
    public const byte FractureSkipped = 4;

    public static ClusterOutcome Apply(ReadOnlySpan<byte> image, int height, int width, ClusterParameters parameters, double swellingRadius, double fractureThickness, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        byte[] pixels = image.ToArray();
        byte skipped = 0;

        var morph = ImageMorphology.Analyse(pixels, height, width);
        double t = morph.MeanThickness;
        if (morph.IsConstant || double.IsNaN(t) || t <= 0)
        {
            skipped |= ThicknessSkipped;
        }
        else
        {
            double ratio = (parameters.Thickness - t) / t;
            IMorphoPerturbation step = ratio < 0 ? new Thinning(-ratio) : new Thickening(ratio);
            pixels = Step(MorphoPerturber.Perturb(morph, pixels, step, random), ThicknessSkipped, ref skipped);
        }

        if (parameters.SwellingStrength > 0)
        {
            pixels = Step(MorphoPerturber.Perturb(pixels, height, width, new Swelling(parameters.SwellingStrength, swellingRadius), random), SwellingSkipped, ref skipped);
        }

        if (parameters.Fractures > 0)
        {
            pixels = Step(MorphoPerturber.Perturb(pixels, height, width, new Fracture(fractureThickness, Fracture.DefaultPrune, parameters.Fractures), random), FractureSkipped, ref skipped);
        }

        if (parameters.BlurSigma > 0 || parameters.NoiseSd > 0)
        {
            pixels = BlurAndNoise(pixels, height, width, parameters.BlurSigma, parameters.NoiseSd, random);
        }

        return new ClusterOutcome(pixels, skipped);
    }

    private static byte[] Step(PerturbationOutcome outcome, byte flag, ref byte skipped)
    {
        if (!outcome.Applied)
        {
            skipped |= flag;
        }

        return outcome.Pixels;
    }

    /// <summary>Gaussian blur (SciPy reflect) of x/255, then i.i.d. N(0, sd^2) noise, clipped to [0, 1] and rounded.</summary>
    private static byte[] BlurAndNoise(byte[] pixels, int height, int width, double sigma, double noiseSd, KeyedRandom random)
    {
        var values = new float[pixels.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = pixels[i] / 255f;
        }

        if (sigma > 0)
        {
            GaussianFilter.Filter2DInPlace(values, height, width, sigma);
        }

        var result = new byte[pixels.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i] + (noiseSd > 0 ? noiseSd * random.NextNormal() : 0);
            result[i] = (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
        }

        return result;
    }
}

/// <summary>The digit after its cluster's effects, and which morphological steps it did not allow (bit flags).</summary>
public sealed record ClusterOutcome(byte[] Pixels, byte Skipped);

using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>DeepSCM's <c>SetWidth(w)</c>: horizontal scaling along the shear axis by (current width / w).</summary>
public sealed record SetWidth(double Target) : IMorphoPerturbation
{
    public string Name => "set-width";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        if (!(Target > 0))
        {
            throw new MorphologyException("the target width must be positive");
        }

        var moments = LinearDeformation.BinaryMoments(morph);
        int h = morph.HiresHeight, w = morph.HiresWidth;
        var grey = new double[h * w];
        for (int i = 0; i < grey.Length; i++)
        {
            grey[i] = morph.HiresImage[i];
        }

        var (left, right, _, _) = BoundingParallelogram.Bounds(grey, h, w, MorphometricsCalculator.DefaultBoundFraction, moments);
        double factor = (right - left) / morph.Scale / Target;
        double shear = moments.HorizontalShear;
        return LinearDeformation.Apply(morph, moments, factor, shear * (1 - factor));
    }
}

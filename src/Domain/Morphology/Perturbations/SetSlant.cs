using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>DeepSCM's <c>SetSlant(rad)</c>: shear about the centroid so the horizontal shear becomes -tan(rad).</summary>
public sealed record SetSlant(double TargetRadians) : IMorphoPerturbation
{
    public string Name => "set-slant";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        var moments = LinearDeformation.BinaryMoments(morph);
        double delta = -Math.Tan(TargetRadians) - moments.HorizontalShear;
        return LinearDeformation.Apply(morph, moments, 1, -delta);
    }
}
